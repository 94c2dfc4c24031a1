import * as aws from '@pulumi/aws';
import type { EnvConfig } from '../../config/schema.js';
import type { Context } from './context.js';
import { encryptionKey } from './encryption.js';

export interface Backups {
  readonly bucket: aws.s3.Bucket;
  readonly key: aws.kms.Key;
}

/**
 * Velero's bucket, named by env.yaml's backup.bucket: KMS-encrypted, versioned (a deleted backup stays recoverable
 * for `backup.deletedBackupRetentionDays`), every form of public access blocked, TLS-only, and a lifecycle that ends
 * noncurrent versions and abandoned uploads. Velero itself expires backups by each schedule's TTL.
 */
export function backups(context: Context, config: EnvConfig): Backups {
  const key = encryptionKey(context, config, 'backups');
  const bucket = new aws.s3.Bucket('backups', { bucket: config.backup.bucket, forceDestroy: false }, context.options);
  new aws.s3.BucketPublicAccessBlock(
    'backups-public-access',
    {
      bucket: bucket.id,
      blockPublicAcls: true,
      blockPublicPolicy: true,
      ignorePublicAcls: true,
      restrictPublicBuckets: true,
    },
    context.options,
  );
  new aws.s3.BucketOwnershipControls(
    'backups-ownership',
    { bucket: bucket.id, rule: { objectOwnership: 'BucketOwnerEnforced' } },
    context.options,
  );
  new aws.s3.BucketServerSideEncryptionConfiguration(
    'backups-encryption',
    {
      bucket: bucket.id,
      rules: [
        {
          applyServerSideEncryptionByDefault: { sseAlgorithm: 'aws:kms', kmsMasterKeyId: key.arn },
          bucketKeyEnabled: true,
        },
      ],
    },
    context.options,
  );
  new aws.s3.BucketVersioning(
    'backups-versioning',
    { bucket: bucket.id, versioningConfiguration: { status: 'Enabled' } },
    context.options,
  );
  new aws.s3.BucketLifecycleConfiguration(
    'backups-lifecycle',
    {
      bucket: bucket.id,
      rules: [
        {
          id: 'expire-deleted-backups',
          status: 'Enabled',
          filter: {},
          noncurrentVersionExpiration: { noncurrentDays: config.backup.deletedBackupRetentionDays },
          abortIncompleteMultipartUpload: { daysAfterInitiation: 7 },
        },
      ],
    },
    context.options,
  );
  new aws.s3.BucketPolicy(
    'backups-tls-only',
    {
      bucket: bucket.id,
      policy: bucket.arn.apply((arn) =>
        JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            {
              Sid: 'DenyInsecureTransport',
              Effect: 'Deny',
              Principal: '*',
              Action: 's3:*',
              Resource: [arn, `${arn}/*`],
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            },
          ],
        }),
      ),
    },
    context.options,
  );
  return { bucket, key };
}
