import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

/** Environments that serve real users: synthetic traffic must never be one command away there. */
export const PRODUCTION_ENVIRONMENTS: readonly string[] = ['prod'];

const LOADTEST = 'loadtest';

/** The load test (its CronJob, account, policies) is rendered for dev and staging only, never for production. */
export const noLoadtestInProduction: PolicyRule = {
  id: 'no-loadtest-in-production',
  description: 'production renders nothing of the load test',
  check(ctx) {
    if (!PRODUCTION_ENVIRONMENTS.includes(ctx.environment)) return [];
    return ctx.objects
      .filter(
        (o) =>
          o.object.metadata.labels?.['app.kubernetes.io/name'] === LOADTEST ||
          (o.object.kind === 'NetworkPolicy' && o.object.metadata.name.includes(LOADTEST)),
      )
      .map((o) =>
        finding(
          ctx,
          this.id,
          o,
          'the load test writes synthetic traffic; it must not exist in production',
          `remove the loadtest section (and its network edges) from environments/${ctx.environment}/env.yaml`,
        ),
      );
  },
};
