import { describe, expect, it } from 'vitest';
import { recordedEnvironment, withChangedInputs } from '../testing/environments.js';
import { databaseNeverPublic, databaseSafeSettings, productionDatabase } from './database.js';
import { TYPES } from './policy.js';

describe('RDS is never publicly accessible', () => {
  it('fails an instance that is publicly accessible, or that leaves it to a default', async () => {
    const resources = await recordedEnvironment('dev');
    const open = withChangedInputs(resources, TYPES.dbInstance, (i) => (i.publiclyAccessible = true));
    const unstated = withChangedInputs(resources, TYPES.dbInstance, (i) => delete i.publiclyAccessible);
    expect(databaseNeverPublic.check(open).map((v) => v.message)).toStrictEqual([
      'instance events-dev is not explicitly private (publiclyAccessible: true)',
    ]);
    expect(databaseNeverPublic.check(unstated)).toHaveLength(1);
  });
});

describe('RDS forces TLS, keeps point-in-time backups and ends stuck sessions', () => {
  it('fails an instance without forced TLS, with 3 days of backups and no lock timeout', async () => {
    let resources = withChangedInputs(await recordedEnvironment('dev'), TYPES.dbParameterGroup, (i) => {
      i.parameters = i.parameters.filter((p: { name: string }) => !['rds.force_ssl', 'lock_timeout'].includes(p.name));
    });
    resources = withChangedInputs(resources, TYPES.dbInstance, (i) => (i.backupRetentionPeriod = 3));
    expect(databaseSafeSettings.check(resources).map((v) => v.message)).toStrictEqual([
      'instance events-dev accepts connections without TLS (rds.force_ssl is not 1)',
      'instance events-dev keeps 3 days of backups, below 7',
      'instance events-dev has no lock_timeout',
    ]);
  });
});

describe('production RDS survives a zone and a mistaken delete', () => {
  it('fails the dev instance, which is neither Multi-AZ nor protected', async () => {
    expect(productionDatabase.check(await recordedEnvironment('dev')).map((v) => v.message)).toStrictEqual([
      'instance events-dev is not Multi-AZ',
      'instance events-dev has no deletion protection',
    ]);
  });

  it('fails a prod instance whose backups shrink below a week', async () => {
    const resources = withChangedInputs(
      await recordedEnvironment('prod'),
      TYPES.dbInstance,
      (i) => (i.backupRetentionPeriod = 6),
    );
    expect(productionDatabase.check(resources).map((v) => v.message)).toStrictEqual([
      'instance events-prod keeps fewer than 7 days of backups',
    ]);
  });
});
