import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

/**
 * A Job rendered suspended never completes: Argo CD reports it, and so its Application, as Suspended or Progressing
 * for good, and a sync that waits for health never finishes. Something meant to run on demand is a CronJob with
 * `suspend: true` (triggered with `kubectl create job --from`), which is healthy while suspended.
 */
export const noSuspendedJobs: PolicyRule = {
  id: 'no-suspended-job',
  description: 'No Job is rendered suspended',
  check(ctx) {
    return ctx.objects
      .filter((o) => o.object.kind === 'Job' && o.object.spec?.suspend === true)
      .map((job) =>
        finding(
          ctx,
          this.id,
          job,
          'is rendered suspended: its Application would never become Healthy',
          'render a suspended CronJob instead and create Jobs from it on demand',
        ),
      );
  },
};
