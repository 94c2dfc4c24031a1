import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { RDS_CA_BUNDLE, postgresTls } from './postgres-env.js';

describe('TLS to PostgreSQL', () => {
  it('verifies RDS against the CA bundle the images hold where the pods are told to find it', () => {
    expect(postgresTls()).toStrictEqual({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: RDS_CA_BUNDLE });
    const dockerfile = fs.readFileSync(path.join(repoRoot, 'images', 'Dockerfile'), 'utf8');
    // The stage rds-ca-bundle fetches RDS's bundle (a named build context can replace it); the runtime copies it there.
    expect(dockerfile).toMatch(
      /^FROM scratch AS rds-ca-bundle\nADD https:\/\/truststore\.pki\.rds\.amazonaws\.com\/\S+ \/rds-ca-bundle\.pem$/m,
    );
    expect(dockerfile).toMatch(new RegExp(`^COPY --from=rds-ca-bundle .*/rds-ca-bundle\\.pem ${RDS_CA_BUNDLE}$`, 'm'));
  });
});
