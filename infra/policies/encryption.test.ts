import { describe, expect, it } from 'vitest';
import { recordedEnvironment, withChangedInputs } from '../testing/environments.js';
import { everyDataStoreEncrypted } from './encryption.js';
import { TYPES } from './policy.js';

describe('every data store is encrypted', () => {
  it.each([
    [
      TYPES.dbInstance,
      (i: Record<string, any>): void => void (i.storageEncrypted = false),
      'instance events-prod stores unencrypted data',
    ],
    [
      TYPES.kafkaCluster,
      (i: Record<string, any>) => delete i.encryptionInfo.encryptionAtRestKmsKeyArn,
      'cluster events-prod has no KMS key for data at rest',
    ],
    [
      TYPES.bucketEncryption,
      (i: Record<string, any>): void => void (i.rules = []),
      'bucket events-prod-backups has no KMS default encryption',
    ],
    [
      TYPES.secret,
      (i: Record<string, any>) => delete i.kmsKeyId,
      "secret events-prod/ledger-db uses the account's default key, not one of this environment",
    ],
    [
      TYPES.eksCluster,
      (i: Record<string, any>) => delete i.encryptionConfig,
      'cluster events-prod does not envelope-encrypt Kubernetes secrets',
    ],
    [
      TYPES.repository,
      (i: Record<string, any>) => delete i.encryptionConfigurations,
      'repository events-api declares no encryption',
    ],
    [
      TYPES.ebsEncryptionByDefault,
      (i: Record<string, any>): void => void (i.enabled = false),
      'EBS encryption by default is not turned on: node disks may be plain',
    ],
  ])('fails a %s that is not encrypted', async (type, change, message) => {
    const resources = withChangedInputs(await recordedEnvironment('prod'), type, change);
    expect(everyDataStoreEncrypted.check(resources).map((v) => v.message)).toStrictEqual([message]);
  });
});
