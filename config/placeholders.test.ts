import { describe, expect, it } from 'vitest';
import { checkEnvConfig } from './load.js';
import { placeholderSeverity, placeholdersIn, placeholderReason } from './placeholders.js';
import { dottedPath, InvalidConfigError } from './issues.js';
import { parseEnvConfig } from './load.js';
import { committedEnvYaml } from './testing.js';

const FILE = 'environments/staging/env.yaml';
const OWN_ACCOUNT = '444455556666';

/** staging with an account of its own, its registry and certificate moved along (the account rules want them equal). */
function stagingWithOwnAccount(): string {
  return committedEnvYaml('staging').replaceAll('222222222222', OWN_ACCOUNT);
}

describe('placeholders', () => {
  it('are every made-up value of the reference: accounts, example hosts and repository, the pending certificate', () => {
    const config = parseEnvConfig(committedEnvYaml('staging'), FILE, 'staging');
    expect(placeholdersIn(config).map((p) => dottedPath(p.path))).toStrictEqual([
      'aws.accountId',
      'images.registry',
      'api.ingress.host',
      'api.ingress.certificateArn',
      'kafka.bootstrapServers[0]',
      'kafka.bootstrapServers[1]',
      'kafka.bootstrapServers[2]',
      'postgres.host',
      'observability.runbookBaseUrl',
      'gitops.repoURL',
    ]);
  });

  it('leave real values alone', () => {
    for (const value of ['123456789012', 'events.dev.acme.io', 'https://github.com/acme/examples.git', 'eu-west-1'])
      expect(placeholderReason(value), value).toBeUndefined();
    expect(
      placeholderReason('arn:aws:acm:eu-west-1:123456789012:certificate/00000000-0000-0000-0000-000000000000'),
    ).toBe('names the made-up certificate with the nil UUID');
  });

  it('are warnings in the reference repository, even where the ledger matters (prod)', () => {
    const { warnings } = checkEnvConfig(committedEnvYaml('prod'), 'environments/prod/env.yaml', 'prod');
    expect(warnings.length).toBeGreaterThan(0);
    const prod = parseEnvConfig(committedEnvYaml('prod'), 'environments/prod/env.yaml', 'prod');
    expect(placeholderSeverity(prod, { adopted: false })).toBe('warning');
  });

  it('are errors, with file, line and path, once adopt has set the environment up', () => {
    try {
      checkEnvConfig(committedEnvYaml('dev'), 'environments/dev/env.yaml', 'dev', { adopted: true });
      expect.unreachable('a placeholder in an adopted environment must be refused');
    } catch (error) {
      if (!(error instanceof InvalidConfigError)) throw error;
      const issue = error.issues.find((i) => i.path === 'aws.accountId')!;
      expect(issue).toMatchObject({ file: 'environments/dev/env.yaml', line: 8 });
      expect(issue.message).toBe(
        'is a placeholder of the reference repository (names the made-up AWS account 111111111111), got "111111111111"; fix: npm run adopt -- --env dev --account',
      );
    }
  });

  it('are errors where the ledger matters (a pinned revision: staging) once the account is its own, adopted or not', () => {
    expect(() => checkEnvConfig(stagingWithOwnAccount(), FILE, 'staging')).toThrow(
      /api\.ingress\.host: is a placeholder of the reference repository \(names the made-up `example` host or repository\)/,
    );
  });

  it('stay warnings in an environment whose ledger does not matter (dev) until it is adopted', () => {
    const dev = committedEnvYaml('dev').replaceAll('111111111111', OWN_ACCOUNT);
    const { warnings } = checkEnvConfig(dev, 'environments/dev/env.yaml', 'dev');
    expect(warnings.map((w) => w.path)).toContain('api.ingress.host');
  });

  it('are warnings for the commands that create their replacements (adopt, infra)', () => {
    const { warnings } = checkEnvConfig(stagingWithOwnAccount(), FILE, 'staging', { adopted: true, tolerated: true });
    expect(warnings.map((w) => w.path)).toContain('postgres.host');
  });
});
