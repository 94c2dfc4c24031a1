import { describe, expect, it } from 'vitest';
import { disruptionBudget } from './disruption-budget.js';
import { devContext, objectNamed } from './testing.js';

describe('pdb-for-multi-replica', () => {
  it('passes the committed render', () => expect(disruptionBudget.check(devContext())).toStrictEqual([]));

  it('flags a multi-replica workload without a PDB', () => {
    const ctx = devContext();
    objectNamed(ctx, 'PodDisruptionBudget', 'worker').spec.selector.matchLabels = { 'app.kubernetes.io/name': 'other' };
    expect(disruptionBudget.check(ctx).map((f) => f.message)).toStrictEqual([
      'may run 3 replicas but no PodDisruptionBudget selects its pods',
    ]);
  });

  it('flags a PDB whose minAvailable equals the replica count', () => {
    const ctx = devContext();
    const pdb = objectNamed(ctx, 'PodDisruptionBudget', 'api');
    delete pdb.spec.maxUnavailable;
    pdb.spec.minAvailable = '100%';
    expect(disruptionBudget.check(ctx).map((f) => f.resource)).toStrictEqual(['PodDisruptionBudget/events-dev/api']);
  });
});
