import type { EnvConfig } from './schema.js';

const COMMIT = /^[0-9a-f]{40}$/;

/**
 * Why an environment holds a ledger that matters, from what its env.yaml already says and never from its name
 * (STYLE.md): its database is protected from deletion, or it syncs a pinned commit (as `npm run promote` sets it)
 * rather than following a branch. None: a demo environment, such as dev.
 */
export function whyTheLedgerMatters(config: EnvConfig): string[] {
  const reasons: string[] = [];
  if (config.postgres.instance.deletionProtection)
    reasons.push('its database is protected from deletion (postgres.instance.deletionProtection)');
  if (COMMIT.test(config.gitops.targetRevision)) reasons.push('it syncs a pinned commit (gitops.targetRevision)');
  return reasons;
}
