import { describe, expect, it } from 'vitest';
import { LOAD_PROFILES } from '../../config/sections/operations.js';
import { PROFILE_NAMES } from '../../loadtests/profiles.js';

// config/ and loadtests/ may not import each other (tools/lint/import-boundaries.js): this test keeps the profile
// names env.yaml accepts equal to the profiles the load generator has.
describe('load profiles', () => {
  it('env.yaml accepts exactly the profiles the load generator runs', () => {
    expect([...LOAD_PROFILES]).toStrictEqual([...PROFILE_NAMES]);
  });
});
