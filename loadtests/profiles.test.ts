import { describe, expect, it } from 'vitest';
import { expectedArrivals, rateAt, totalDurationMs } from './generator/schedule.js';
import type { SchedulePlan } from './profiles.js';
import { breakpointSteps, planFor } from './profiles.js';

const schedule = (plan: ReturnType<typeof planFor>): SchedulePlan => {
  if (plan.kind !== 'schedule') throw new Error('not a schedule');
  return plan;
};

describe('load profiles', () => {
  it('ramps to 10,000/s and holds it', () => {
    const { stages } = schedule(planFor('ramp', {}));
    expect(rateAt(stages, 0)).toBe(0);
    expect(rateAt(stages, totalDurationMs(stages) - 1)).toBe(10_000);
  });

  it('floods at 25,000/s for 30 s between two calm periods, and allows shedding only there', () => {
    const plan = schedule(planFor('spike', {}));
    expect(plan.stages.map((s) => [s.fromRate, s.durationMs])).toStrictEqual([
      [1000, 10_000],
      [25_000, 30_000],
      [1000, 20_000],
    ]);
    expect(plan.sheddingAllowed).toBe(true);
    expect(schedule(planFor('soak', {})).sheddingAllowed).toBe(false);
  });

  it('takes the soak duration and the smoke rate from the flags', () => {
    expect(totalDurationMs(schedule(planFor('soak', { durationS: 3600 })).stages)).toBe(3_600_000);
    expect(expectedArrivals(schedule(planFor('smoke', { rate: 50, durationS: 4 })).stages)).toBe(200);
  });

  it('climbs in 40 steps to the breakpoint ceiling', () => {
    const plan = planFor('breakpoint', { rate: 20_000, durationS: 5 });
    if (plan.kind !== 'breakpoint') throw new Error('not a breakpoint plan');
    const steps = breakpointSteps(plan);
    expect(steps).toHaveLength(40);
    expect([steps[0], steps.at(-1)]).toStrictEqual([500, 20_000]);
    expect(plan.stepMs).toBe(5000);
  });
});
