import { describe, expect, it } from 'vitest';
import { autoscalingWarnings } from './findings.js';
import type { Simulation } from './simulate.js';
import { simulation } from './testing.js';

const preview = (before: Simulation | undefined, after: Simulation | undefined) => ({
  workload: 'api',
  source: 'HorizontalPodAutoscaler/events-staging/api',
  signal: 'CPU utilization' as const,
  profiles: [{ profile: 'ramp', description: '0 → 10000/s', before, after }],
});

describe('the autoscaling warnings of the highlights', () => {
  it('warns when a change caps an autoscaler below what a standard profile needs, naming the profile and the numbers', () => {
    expect(autoscalingWarnings(preview(simulation([2, 4], 10, 12), simulation([2, 4], 15, 4)))).toStrictEqual([
      'autoscaling: api cannot reach what the ramp profile needs: needs 15 replicas, capped at 4 by maxReplicas (before: needs 10, at most 12 by maxReplicas)',
    ]);
  });

  it('warns when an autoscaler already capped falls further short (staging: needs 10 of 6 → needs 15 of 4)', () => {
    expect(autoscalingWarnings(preview(simulation([2, 6], 10, 6), simulation([2, 4], 15, 4)))).toStrictEqual([
      'autoscaling: api cannot reach what the ramp profile needs: needs 15 replicas, capped at 4 by maxReplicas (before: needs 10, capped at 6 by maxReplicas)',
    ]);
  });

  it('warns when the change takes away the headroom above the need', () => {
    expect(autoscalingWarnings(preview(simulation([2, 10], 10, 12), simulation([2, 10], 10, 10)))).toStrictEqual([
      'autoscaling: api loses its headroom under the ramp profile: needs 10 replicas, at most 10 by maxReplicas (before: needs 10, at most 12 by maxReplicas, 2 to spare)',
    ]);
  });

  it('says nothing when the change leaves room, gives more, or keeps the same shortfall', () => {
    expect(autoscalingWarnings(preview(simulation([2, 10], 10, 12), simulation([2, 10], 10, 11)))).toStrictEqual([]);
    expect(autoscalingWarnings(preview(simulation([2, 6], 10, 6), simulation([2, 8], 10, 8)))).toStrictEqual([]);
    expect(autoscalingWarnings(preview(simulation([2, 6], 10, 6), simulation([2, 6], 10, 6)))).toStrictEqual([]);
    expect(autoscalingWarnings(preview(simulation([2, 6], 10, 6), undefined))).toStrictEqual([]);
  });

  it('warns about a new autoscaler that is capped from the start', () => {
    expect(autoscalingWarnings(preview(undefined, simulation([2, 4], 15, 4)))).toStrictEqual([
      'autoscaling: api cannot reach what the ramp profile needs: needs 15 replicas, capped at 4 by maxReplicas (no autoscaler before)',
    ]);
  });
});
