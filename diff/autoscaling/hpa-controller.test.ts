import { describe, expect, it } from 'vitest';
import { behaviorOf } from './hpa-behavior.js';
import { HpaController, replicasForAverageValue, replicasForRatio, scaleDownLimit } from './hpa-controller.js';

// Worked examples from kubernetes.io, "Horizontal Pod Autoscaling" (concepts/workloads/autoscaling), and the
// Kubernetes blog post on the configurable tolerance (2025-04-28).

/** Runs syncs every `period` seconds with the same recommendation until `until`; the replicas after each sync. */
function run(controller: HpaController, start: number, recommend: (t: number) => number, until: number, period = 15) {
  const replicas: number[] = [];
  let current = start;
  for (let t = 0; t <= until; t += period) {
    current = controller.sync(t, current, recommend(t));
    replicas.push(current);
  }
  return replicas;
}

describe('the HPA algorithm, on the documented examples', () => {
  it('doubles the replicas at 200m against a 100m target and halves them at 50m', () => {
    expect(replicasForRatio(4, 200 / 100, 0.1)).toBe(8);
    expect(replicasForRatio(4, 50 / 100, 0.1)).toBe(2);
  });

  it('goes from 50 to 60 replicas at 90% CPU against a 75% target (20% over, beyond the 10% tolerance)', () => {
    expect(replicasForRatio(50, 90 / 75, 0.1)).toBe(60);
  });

  it('does not scale within the tolerance: with 5% for scale-up, only above 105MiB against a 100MiB target', () => {
    expect(replicasForRatio(10, 105 / 100, 0.05)).toBe(10);
    expect(replicasForRatio(10, 106 / 100, 0.05)).toBe(11);
    expect(replicasForRatio(10, 1.09, 0.1)).toBe(10);
    expect(replicasForRatio(10, 0.91, 0.1)).toBe(10);
  });

  it('scales down from 80 towards 10 by 8, then 8 (10% of 72 is 7.2, rounded up), then 4 at a time below 40', () => {
    const behavior = behaviorOf({
      scaleDown: {
        stabilizationWindowSeconds: 0,
        policies: [
          { type: 'Pods', value: 4, periodSeconds: 60 },
          { type: 'Percent', value: 10, periodSeconds: 60 },
        ],
      },
    });
    expect(scaleDownLimit(80, [], [], behavior.scaleDown, 0)).toBe(72);
    expect(scaleDownLimit(72, [], [], behavior.scaleDown, 60)).toBe(64);
    const controller = new HpaController({ minReplicas: 1, maxReplicas: 100, behavior });
    // One step per 60 s period: the syncs in between may not remove more.
    const perMinute = run(controller, 80, () => 10, 600).filter((_, i) => i % 4 === 0);
    expect(perMinute).toStrictEqual([72, 64, 57, 51, 45, 40, 36, 32, 28, 24, 20]);
  });

  it('by default adds at most 4 pods or 100% every 15 s, with no scale-up stabilization', () => {
    const controller = new HpaController({ minReplicas: 1, maxReplicas: 50, behavior: behaviorOf(undefined) });
    expect(run(controller, 2, () => 40, 45)).toStrictEqual([6, 12, 24, 40]);
  });

  it('by default keeps the highest recommendation of the last 300 s before scaling down', () => {
    const controller = new HpaController({ minReplicas: 1, maxReplicas: 50, behavior: behaviorOf(undefined) });
    // 10 replicas recommended at 0 s, then 2: the replicas stay at 10 until that recommendation is 300 s old.
    const replicas = run(controller, 10, (t) => (t === 0 ? 10 : 2), 330);
    expect(replicas.slice(0, 20)).toStrictEqual(Array(20).fill(10));
    expect(replicas.at(-1)).toBe(2);
  });

  it('picks the policy that allows the smallest change with selectPolicy Min, and none with Disabled', () => {
    const min = behaviorOf({
      scaleDown: {
        selectPolicy: 'Min',
        policies: [
          { type: 'Percent', value: 10, periodSeconds: 60 },
          { type: 'Pods', value: 5, periodSeconds: 60 },
        ],
      },
    });
    expect(scaleDownLimit(100, [], [], min.scaleDown, 0)).toBe(95);
    const disabled = behaviorOf({ scaleDown: { selectPolicy: 'Disabled' } });
    const controller = new HpaController({ minReplicas: 1, maxReplicas: 50, behavior: disabled });
    expect(run(controller, 20, () => 2, 900).at(-1)).toBe(20);
  });

  it('keeps the replicas within minReplicas and maxReplicas', () => {
    const controller = new HpaController({ minReplicas: 3, maxReplicas: 12, behavior: behaviorOf(undefined) });
    expect(run(controller, 3, () => 100, 120).at(-1)).toBe(12);
    expect(new HpaController({ minReplicas: 3, maxReplicas: 12, behavior: behaviorOf(undefined) }).sync(0, 1, 1)).toBe(
      3,
    );
  });
});

describe("KEDA's lag to replicas", () => {
  it('asks for total lag / lagThreshold replicas (an AverageValue target), within the tolerance asks for none', () => {
    expect(replicasForAverageValue(2, 5_000, 1_000, 0.1)).toBe(5);
    expect(replicasForAverageValue(5, 5_200, 1_000, 0.1)).toBe(5);
    expect(replicasForAverageValue(5, 900, 1_000, 0.1)).toBe(1);
  });
});
