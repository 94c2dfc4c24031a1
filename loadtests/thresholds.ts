import type { Outcome } from './generator/outcome.js';
import type { LatencySummary } from './generator/latency.js';

/** The SLOs a load run is held to (SPEC §4.9, issue 13): p95 < 200 ms, p99 < 500 ms, errors < 1%. */
export interface Limits {
  readonly p95Ms: number;
  readonly p99Ms: number;
  /** Errors over arrivals; shedding is an error too unless the profile allows it (a flood). */
  readonly maxErrorRatio: number;
}

export const SLO_LIMITS: Limits = { p95Ms: 200, p99Ms: 500, maxErrorRatio: 0.01 };

export interface Threshold {
  readonly name: string;
  /** `<`: the value must stay below the limit; `<=`: it may reach it (a limit of 0: none at all); `>=`: at least. */
  readonly op: '<' | '<=' | '>=';
  readonly limit: number;
  readonly value: number;
  readonly ok: boolean;
}

export interface RunCounts {
  readonly outcomes: Readonly<Record<Outcome, number>>;
  readonly latencyMs: LatencySummary;
}

/** What the ledger check found for the 2xx answers; absent when the run could not check (a remote target). */
export interface LedgerCounts {
  readonly lost: number;
  readonly duplicated: number;
  readonly unexpected: number;
  readonly wrongEffects: number;
  readonly balanceMismatches: number;
}

export const check = (name: string, op: Threshold['op'], limit: number, value: number): Threshold => ({
  name,
  op,
  limit,
  value,
  ok: op === '<' ? value < limit : op === '<=' ? value <= limit : value >= limit,
});

export function errorCount(counts: RunCounts, sheddingAllowed: boolean): number {
  const o = counts.outcomes;
  return o.clientError + o.serverError + o.transportError + o.notSent + (sheddingAllowed ? 0 : o.shed);
}

/**
 * The thresholds of one run: latency percentiles (all answers), the error ratio, no 5xx that is not shedding, and,
 * when the ledger was checked, no 2xx event lost or applied twice and nothing applied that was refused.
 */
export function evaluateThresholds(
  counts: RunCounts,
  limits: Limits,
  sheddingAllowed: boolean,
  ledger?: LedgerCounts,
): Threshold[] {
  const arrivals = Object.values(counts.outcomes).reduce((a, b) => a + b, 0);
  const errors = errorCount(counts, sheddingAllowed);
  const ratio = arrivals === 0 ? 1 : errors / arrivals;
  const thresholds = [
    check('latency p95 (ms)', '<', limits.p95Ms, counts.latencyMs.p95),
    check('latency p99 (ms)', '<', limits.p99Ms, counts.latencyMs.p99),
    check(sheddingAllowed ? 'error ratio (shedding excluded)' : 'error ratio', '<', limits.maxErrorRatio, round(ratio)),
    check('server errors (5xx without Retry-After)', '<=', 0, counts.outcomes.serverError),
  ];
  if (ledger) {
    thresholds.push(
      check('2xx events lost', '<=', 0, ledger.lost),
      check('events applied twice', '<=', 0, ledger.duplicated),
      check('refused events applied', '<=', 0, ledger.unexpected),
      check('wrong effects and balances', '<=', 0, ledger.wrongEffects + ledger.balanceMismatches),
    );
  }
  return thresholds;
}

const round = (x: number): number => Math.round(x * 1e6) / 1e6;
