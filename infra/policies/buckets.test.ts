import { describe, expect, it } from 'vitest';
import { recordedEnvironment, withChangedInputs } from '../testing/environments.js';
import { noPublicBuckets } from './buckets.js';
import { TYPES } from './policy.js';

describe('no bucket is public', () => {
  it('holds for the backup bucket as the program creates it', async () => {
    expect(noPublicBuckets.check(await recordedEnvironment('dev'))).toStrictEqual([]);
  });

  it('fails a bucket whose access block lets public policies through', async () => {
    const resources = withChangedInputs(await recordedEnvironment('dev'), TYPES.bucketPublicAccessBlock, (inputs) => {
      inputs.blockPublicPolicy = false;
      inputs.restrictPublicBuckets = false;
    });
    expect(noPublicBuckets.check(resources).map((v) => v.message)).toStrictEqual([
      'bucket events-dev-backups does not block public access: blockPublicPolicy, restrictPublicBuckets not true',
    ]);
  });

  it('fails a bucket with no access block at all', async () => {
    const resources = (await recordedEnvironment('dev')).filter((r) => r.type !== TYPES.bucketPublicAccessBlock);
    expect(noPublicBuckets.check(resources)).toHaveLength(1);
  });

  it('fails a bucket policy that allows everyone, and a public-read ACL', async () => {
    const resources = withChangedInputs(await recordedEnvironment('dev'), TYPES.bucketPolicy, (inputs) => {
      inputs.policy = JSON.stringify({
        Statement: [
          { Effect: 'Allow', Principal: '*', Action: 's3:GetObject', Resource: 'arn:aws:s3:::events-dev-backups/*' },
        ],
      });
    });
    resources.push({
      type: TYPES.bucketAcl,
      name: 'backups-acl',
      inputs: { bucket: 'events-dev-backups', acl: 'public-read' },
    });
    expect(noPublicBuckets.check(resources).map((v) => v.message)).toStrictEqual([
      'bucket events-dev-backups gets the public ACL public-read',
      'bucket events-dev-backups has a policy that allows everyone (Principal "*")',
    ]);
  });
});
