import { whyTheLedgerMatters } from './environment-role.js';
import type { SemanticIssue } from './issues.js';
import type { EnvConfig } from './schema.js';

/**
 * The naive worker exists to show the failure (the replica-safety demo in dev, the drills' negative run): wherever the
 * ledger matters, `before` would apply events twice and credit money that was never sent.
 */
export function workerModeIssues(config: EnvConfig): SemanticIssue[] {
  if (config.worker.mode !== 'before') return [];
  const reasons = whyTheLedgerMatters(config);
  if (reasons.length === 0) return [];
  return [
    {
      path: ['worker', 'mode'],
      message:
        'must be "after" here: "before" is the naive worker, which applies an event twice under rebalances and ' +
        "crashes (kept for the replica-safety demo and the drills' negative run); this environment holds a ledger " +
        `that matters: ${reasons.join(', and ')}`,
    },
  ];
}
