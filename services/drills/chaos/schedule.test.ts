import { describe, expect, it } from 'vitest';
import { FAULT_TYPES } from './target.js';
import { planFaults, seededRandom } from './schedule.js';

describe('planFaults', () => {
  const plan = { durationMs: 100_000, kills: 3, faultTypes: FAULT_TYPES };

  it('plans the kills and each other fault once, inside the fault window, in time order', () => {
    const faults = planFaults(plan, seededRandom(1));
    expect(faults.filter((f) => f.type === 'kill-worker')).toHaveLength(3);
    expect(faults.map((f) => f.type).sort()).toStrictEqual(
      [
        'kill-worker',
        'kill-worker',
        'kill-worker',
        'restart-broker',
        'kill-leader',
        'restart-database',
        'scale-down',
        'scale-up',
      ].sort(),
    );
    expect(faults.every((f) => f.atMs >= 10_000 && f.atMs <= 60_000)).toBe(true);
    expect(faults.map((f) => f.atMs)).toStrictEqual([...faults.map((f) => f.atMs)].sort((a, b) => a - b));
  });

  it('always scales up before it scales down, whatever the seed', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const types = planFaults(plan, seededRandom(seed)).map((f) => f.type);
      expect(types.indexOf('scale-up')).toBeLessThan(types.indexOf('scale-down'));
    }
  });

  it('replays the same plan for the same seed and differs for another', () => {
    expect(planFaults(plan, seededRandom(42))).toStrictEqual(planFaults(plan, seededRandom(42)));
    expect(planFaults(plan, seededRandom(42))).not.toStrictEqual(planFaults(plan, seededRandom(43)));
  });

  it('plans only the faults the target can cause (a cluster: pods and scale)', () => {
    const faults = planFaults({ ...plan, faultTypes: ['kill-worker', 'scale-up', 'scale-down'] }, seededRandom(3));
    expect(new Set(faults.map((f) => f.type))).toStrictEqual(new Set(['kill-worker', 'scale-up', 'scale-down']));
  });
});
