import { describe, expect, it } from 'vitest';
import { networkCoverage } from './network-coverage.js';
import { devContext } from './testing.js';

describe('workload-covered-by-networkpolicy', () => {
  it('passes the committed render', () => expect(networkCoverage.check(devContext())).toStrictEqual([]));

  it('flags the workloads no policy selects once the namespace-wide policies are gone', () => {
    const ctx = devContext();
    const kept = ctx.objects.filter(
      (o) => !(o.object.kind === 'NetworkPolicy' && o.object.spec.podSelector.matchLabels === undefined),
    );
    const findings = networkCoverage.check({
      ...ctx,
      objects: kept.filter(
        (o) => !(o.object.kind === 'NetworkPolicy' && o.object.metadata.name.includes('chaos-drill')),
      ),
    });
    expect(findings.map((f) => f.resource)).toStrictEqual(['CronJob/events-dev/chaos-drill']);
  });
});
