import { describe, expect, it } from 'vitest';
import type { RunCounts } from './thresholds.js';
import { SLO_LIMITS, evaluateThresholds } from './thresholds.js';

const healthy: RunCounts = {
  outcomes: { accepted: 9990, shed: 0, clientError: 0, serverError: 0, transportError: 0, notSent: 10 },
  latencyMs: { p50: 2, p95: 20, p99: 80, max: 300 },
};

const failed = (counts: RunCounts, sheddingAllowed = false) =>
  evaluateThresholds(counts, SLO_LIMITS, sheddingAllowed)
    .filter((t) => !t.ok)
    .map((t) => t.name);

describe('load thresholds from the SLOs', () => {
  it('passes a run inside every SLO', () => {
    expect(failed(healthy)).toStrictEqual([]);
  });

  it('breaks on p95 at or above 200 ms and p99 at or above 500 ms', () => {
    expect(failed({ ...healthy, latencyMs: { p50: 2, p95: 200, p99: 500, max: 900 } })).toStrictEqual([
      'latency p95 (ms)',
      'latency p99 (ms)',
    ]);
  });

  it('counts shedding as errors unless the profile is a flood', () => {
    const shedding = { ...healthy, outcomes: { ...healthy.outcomes, accepted: 5000, shed: 4990 } };
    expect(failed(shedding)).toStrictEqual(['error ratio']);
    expect(failed(shedding, true)).toStrictEqual([]);
  });

  it('allows no 5xx without Retry-After at all, even one in a million', () => {
    const one500 = { ...healthy, outcomes: { ...healthy.outcomes, accepted: 999_999, serverError: 1 } };
    expect(failed(one500)).toStrictEqual(['server errors (5xx without Retry-After)']);
  });

  it('breaks on a lost or twice-applied 2xx event when the ledger was checked', () => {
    const names = evaluateThresholds(healthy, SLO_LIMITS, false, {
      lost: 1,
      duplicated: 1,
      unexpected: 0,
      wrongEffects: 0,
      balanceMismatches: 0,
    })
      .filter((t) => !t.ok)
      .map((t) => t.name);
    expect(names).toStrictEqual(['2xx events lost', 'events applied twice']);
  });
});
