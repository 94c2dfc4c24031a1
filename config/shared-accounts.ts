import type { ConfigIssue } from './issues.js';
import { issueInEnvYaml } from './locate.js';
import type { EnvConfig } from './schema.js';

// Rules across environments that share an AWS account (a fork with one account for all of them).

/**
 * GitHub's OIDC provider exists once per account: two stacks that both create it clash (EntityAlreadyExists), so at
 * most one environment of an account says `create`; the others say `existing`.
 */
export function sharedAccountIssues(
  repoRoot: string,
  environments: readonly { name: string; config: EnvConfig }[],
): ConfigIssue[] {
  const creators = new Map<string, string>();
  const issues: ConfigIssue[] = [];
  for (const { name, config } of environments) {
    if (config.aws.githubOidcProvider !== 'create') continue;
    const first = creators.get(config.aws.accountId);
    if (first === undefined) creators.set(config.aws.accountId, name);
    else
      issues.push(
        issueInEnvYaml(
          repoRoot,
          name,
          ['aws', 'githubOidcProvider'],
          `${first} creates GitHub's OIDC provider in account ${config.aws.accountId} already (an account holds one per URL); set existing`,
        ),
      );
  }
  return issues;
}
