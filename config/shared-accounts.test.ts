import { describe, expect, it } from 'vitest';
import { listEnvironments, loadEnvironment } from './load.js';
import { repoRoot } from './paths.js';
import { sharedAccountIssues } from './shared-accounts.js';

const committed = () => listEnvironments(repoRoot).map((name) => loadEnvironment(repoRoot, name));

describe("GitHub's OIDC provider across environments", () => {
  it('is created once in each account of the committed environments', () => {
    expect(sharedAccountIssues(repoRoot, committed())).toStrictEqual([]);
  });

  it('may not be created by two environments of one account, and the second one is named with its line', () => {
    const [dev, prod, staging] = committed();
    const sameAccount = {
      ...staging!,
      config: { ...staging!.config, aws: { ...staging!.config.aws, accountId: dev!.config.aws.accountId } },
    };
    const [issue] = sharedAccountIssues(repoRoot, [dev!, prod!, sameAccount]);
    expect(issue).toMatchObject({ file: 'environments/staging/env.yaml', path: 'aws.githubOidcProvider' });
    expect(issue!.message).toBe(
      "dev creates GitHub's OIDC provider in account 111111111111 already (an account holds one per URL); set existing",
    );
  });
});
