import type { RecordedResource } from '../testing/mocks.js';
import type { InfraPolicy, Violation } from './policy.js';
import { TYPES, asList, ofType, parseDocument, violation } from './policy.js';

const NAME = 'no bucket is public';

const PUBLIC_ACLS = ['public-read', 'public-read-write', 'authenticated-read'];

/** The bucket a bucket-scoped resource (access block, policy, ACL) applies to: its id, which AWS sets to its name. */
const bucketOf = (resource: RecordedResource): string => String(resource.inputs.bucket);

function grantsToEveryone(statement: any): boolean {
  if (statement.Effect !== 'Allow') return false;
  const principal = statement.Principal;
  return principal === '*' || asList(principal?.AWS).includes('*');
}

/**
 * Every bucket blocks all four kinds of public access, and nothing grants it to everyone anyway: no public ACL, no
 * bucket policy that allows `*`.
 */
export const noPublicBuckets: InfraPolicy = {
  name: NAME,
  check(resources) {
    const violations: Violation[] = [];
    const blocks = ofType(resources, TYPES.bucketPublicAccessBlock);
    for (const bucket of ofType(resources, TYPES.bucket)) {
      const name = String(bucket.inputs.bucket);
      const block = blocks.find((b) => bucketOf(b) === name);
      const flags = ['blockPublicAcls', 'blockPublicPolicy', 'ignorePublicAcls', 'restrictPublicBuckets'];
      const open = block ? flags.filter((flag) => block.inputs[flag] !== true) : flags;
      if (open.length > 0) {
        violations.push(
          violation(NAME, bucket, `bucket ${name} does not block public access: ${open.join(', ')} not true`),
        );
      }
      if (PUBLIC_ACLS.includes(String(bucket.inputs.acl))) {
        violations.push(violation(NAME, bucket, `bucket ${name} has the public ACL ${String(bucket.inputs.acl)}`));
      }
    }
    for (const acl of ofType(resources, TYPES.bucketAcl)) {
      if (PUBLIC_ACLS.includes(String(acl.inputs.acl))) {
        violations.push(violation(NAME, acl, `bucket ${bucketOf(acl)} gets the public ACL ${String(acl.inputs.acl)}`));
      }
    }
    for (const policy of ofType(resources, TYPES.bucketPolicy)) {
      if (asList(parseDocument(policy.inputs.policy).Statement).some(grantsToEveryone)) {
        violations.push(
          violation(NAME, policy, `bucket ${bucketOf(policy)} has a policy that allows everyone (Principal "*")`),
        );
      }
    }
    return violations;
  },
};
