import { describe, expect, it } from 'vitest';
import { ArrivalClock, constant, expectedArrivals, ramp, rateAt, totalDurationMs } from './schedule.js';

function arrivals(clock: ArrivalClock): number[] {
  const times: number[] = [];
  for (let t = clock.peek(); t !== undefined; t = clock.peek()) {
    times.push(t);
    clock.advance();
  }
  return times;
}

describe('arrival schedules', () => {
  it('offers exactly rate × duration arrivals at a constant rate, evenly spaced', () => {
    const times = arrivals(new ArrivalClock([constant(100, 2000)]));
    expect(times).toHaveLength(200);
    expect(times[1]! - times[0]!).toBeCloseTo(10);
    expect(times.at(-1)!).toBeLessThan(2000);
  });

  it('ramps linearly: the rate halfway through a 0 → 1000/s ramp is 500/s', () => {
    const stages = [ramp(0, 1000, 10_000)];
    expect(rateAt(stages, 5000)).toBe(500);
    expect(expectedArrivals(stages)).toBe(5000);
    // The first arrival waits until the rate is above zero, and the total matches the area under the curve.
    expect(Math.abs(arrivals(new ArrivalClock(stages)).length - 5000)).toBeLessThan(60);
  });

  it('treats a zero-rate stage as a pause between stages', () => {
    const stages = [constant(10, 1000), constant(0, 1000), constant(10, 1000)];
    const times = arrivals(new ArrivalClock(stages));
    expect(times).toHaveLength(20);
    expect(times.filter((t) => t >= 1000 && t < 2000)).toStrictEqual([]);
    expect(totalDurationMs(stages)).toBe(3000);
    expect(rateAt(stages, 3000)).toBe(0);
  });
});
