import { describe, expect, it } from 'vitest';
import { repoRoot } from '../config/paths.js';
import { POLICIES } from './policies/index.js';
import { productionDatabase } from './policies/database.js';
import { readRenderedObjects } from './policies/manifests.js';
import { referencesCreated } from './policies/references.js';
import { ENVIRONMENTS, recordedEnvironment } from './testing/environments.js';

describe.each(ENVIRONMENTS)('the %s infrastructure', (environment) => {
  it.each(POLICIES.map((policy) => [policy.name, policy] as const))('passes: %s', async (_name, policy) => {
    expect(policy.check(await recordedEnvironment(environment))).toStrictEqual([]);
  });

  it('creates every AWS thing its committed manifests name', async () => {
    const resources = await recordedEnvironment(environment);
    expect(referencesCreated(resources, readRenderedObjects(repoRoot, environment))).toStrictEqual([]);
  });
});

describe('the prod infrastructure', () => {
  it('has a Multi-AZ database with deletion protection and at least 7 days of backups', async () => {
    expect(productionDatabase.check(await recordedEnvironment('prod'))).toStrictEqual([]);
  });
});
