import type { RecordedResource } from '../testing/mocks.js';
import type { InfraPolicy, Violation } from './policy.js';
import { TYPES, ofType, violation } from './policy.js';

const NAME = 'every data store is encrypted';

/** Why a store of this type is not encrypted at rest, or undefined when it is. */
const CHECKS: Record<string, (store: RecordedResource, all: readonly RecordedResource[]) => string | undefined> = {
  [TYPES.bucket]: (bucket, all) => {
    const name = String(bucket.inputs.bucket);
    const config = ofType(all, TYPES.bucketEncryption).find((c) => String(c.inputs.bucket) === name);
    const algorithm = config?.inputs.rules?.[0]?.applyServerSideEncryptionByDefault?.sseAlgorithm;
    return algorithm === 'aws:kms' ? undefined : `bucket ${name} has no KMS default encryption`;
  },
  [TYPES.dbInstance]: (db) =>
    db.inputs.storageEncrypted === true && db.inputs.kmsKeyId
      ? undefined
      : `instance ${db.inputs.identifier} stores unencrypted data`,
  [TYPES.kafkaCluster]: (msk) =>
    msk.inputs.encryptionInfo?.encryptionAtRestKmsKeyArn
      ? undefined
      : `cluster ${msk.inputs.clusterName} has no KMS key for data at rest`,
  [TYPES.secret]: (secret) =>
    secret.inputs.kmsKeyId
      ? undefined
      : `secret ${secret.inputs.name} uses the account's default key, not one of this environment`,
  [TYPES.eksCluster]: (eks) => {
    const config = eks.inputs.encryptionConfig;
    return config?.provider?.keyArn && (config.resources as string[] | undefined)?.includes('secrets')
      ? undefined
      : `cluster ${eks.inputs.name} does not envelope-encrypt Kubernetes secrets`;
  },
  [TYPES.repository]: (repo) =>
    (repo.inputs.encryptionConfigurations as unknown[] | undefined)?.length
      ? undefined
      : `repository ${repo.inputs.name} declares no encryption`,
};

/**
 * Buckets, databases, brokers, secrets, Kubernetes secrets and image repositories are encrypted at rest, and EBS
 * (node disks) is encrypted by default in the region.
 */
export const everyDataStoreEncrypted: InfraPolicy = {
  name: NAME,
  check(resources) {
    const violations: Violation[] = [];
    for (const resource of resources) {
      const problem = CHECKS[resource.type]?.(resource, resources);
      if (problem) violations.push(violation(NAME, resource, problem));
    }
    const ebs = ofType(resources, TYPES.ebsEncryptionByDefault);
    if (!ebs.some((e) => e.inputs.enabled === true)) {
      violations.push(
        violation(NAME, 'EncryptionByDefault', 'EBS encryption by default is not turned on: node disks may be plain'),
      );
    }
    return violations;
  },
};
