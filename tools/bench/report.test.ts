import { describe, expect, it } from 'vitest';
import { repoRoot } from '../stack/settings.js';
import type { AcceptToApplied } from './accept-to-applied.js';
import { readRuns } from './record.js';
import { formatBench, goals } from './report.js';

const recorded = readRuns(repoRoot).at(-1)!.report;
const at = (ratePerSec: number, p50Ms: number, p99Ms: number, notAccepted = 0): AcceptToApplied => ({
  ratePerSec,
  p50Ms,
  p99Ms,
  applied: ratePerSec,
  apiP99Ms: p99Ms,
  accepted: ratePerSec - notAccepted,
  notAccepted,
});
const latencyGoals = (e2e: AcceptToApplied[]) =>
  goals({ ...recorded, e2e }, 256).filter((g) => g.name.startsWith('accept → applied'));

describe('the accept → applied goals', () => {
  it('meets the light load only with both p50 ≤ 10 ms and p99 ≤ 50 ms at 1,000/s', () => {
    expect(latencyGoals([at(1000, 9, 49), at(10_000, 20, 40)]).map((g) => g.met)).toEqual([true, true]);
    expect(latencyGoals([at(1000, 11, 30), at(10_000, 20, 40)]).map((g) => g.met)).toEqual([false, true]);
    expect(latencyGoals([at(1000, 5, 51), at(10_000, 20, 40)]).map((g) => g.met)).toEqual([false, true]);
  });

  it('does not meet 10,000/s when the API refused part of it, however fast the rest was applied', () => {
    const [, heavy] = latencyGoals([at(1000, 5, 20), at(10_000, 20, 40, 25_284)]);
    expect(heavy).toMatchObject({ met: false, value: 'p99 40 ms, 25284 not accepted' });
  });

  it('says "not measured" for a rate the run left out, and does not count it as met', () => {
    expect(latencyGoals([at(2500, 5, 20)])).toMatchObject([
      { met: false, value: 'not measured' },
      { met: false, value: 'not measured' },
    ]);
  });
});

describe('the console summary', () => {
  it('names the goals the run is judged by next to the accept → applied rates, not an older target', () => {
    const summary = formatBench({ ...recorded, e2e: [at(1000, 3, 20), at(5000, 6, 18), at(10_000, 11, 28)] });
    expect(summary).toMatch(/accept → applied at 1,000\/s +\| p50 3 ms, p99 20 ms +\| goal: p50 ≤ 10 ms, p99 ≤ 50 ms/);
    expect(summary).toMatch(
      /accept → applied at 10,000\/s +\| p50 11 ms, p99 28 ms +\| goal: p99 ≤ 50 ms, every event/,
    );
    expect(summary).not.toMatch(/p99 ≤ 100 ms/);
  });
});
