import * as aws from '@pulumi/aws';
import type { EnvConfig } from '../../config/schema.js';
import { clusterName } from '../naming.js';
import type { Context } from './context.js';

export type KeyPurpose = 'kubernetes-secrets' | 'kafka' | 'database' | 'backups';

/**
 * One customer-managed KMS key per kind of data, rotated yearly: a role that may read backups cannot decrypt the
 * database's secret, and a key can be revoked without touching the others.
 */
export function encryptionKey(context: Context, config: EnvConfig, purpose: KeyPurpose): aws.kms.Key {
  const key = new aws.kms.Key(
    `${purpose}-key`,
    {
      description: `${clusterName(config)}: ${purpose}`,
      enableKeyRotation: true,
      deletionWindowInDays: 30,
    },
    context.options,
  );
  new aws.kms.Alias(
    `${purpose}-key-alias`,
    { name: `alias/${clusterName(config)}-${purpose}`, targetKeyId: key.keyId },
    context.options,
  );
  return key;
}
