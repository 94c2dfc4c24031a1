import type { Histogram } from 'hdr-histogram-js';
import type { LatencySummary } from './latency.js';
import { latencyHistogram, recordMs, summarize } from './latency.js';
import type { Answer } from './http.js';
import type { Outcome } from './outcome.js';
import { OUTCOMES } from './outcome.js';

/** Counts and latencies of a run, or of one second of it. */
export class Tally {
  readonly status: Record<string, number> = {};
  readonly outcomes: Record<Outcome, number> = Object.fromEntries(OUTCOMES.map((o) => [o, 0])) as Record<
    Outcome,
    number
  >;
  /** Every answered request (any status): what a client waits for. */
  readonly latency: Histogram = latencyHistogram();
  /** 2xx answers only. */
  readonly acceptedLatency: Histogram = latencyHistogram();

  record(answer: Pick<Answer, 'outcome' | 'statusKey'>, latencyMs: number | undefined): void {
    this.status[answer.statusKey] = (this.status[answer.statusKey] ?? 0) + 1;
    this.outcomes[answer.outcome] += 1;
    if (latencyMs === undefined) return;
    recordMs(this.latency, latencyMs);
    if (answer.outcome === 'accepted') recordMs(this.acceptedLatency, latencyMs);
  }

  get answered(): number {
    return this.latency.totalCount;
  }

  get total(): number {
    return Object.values(this.outcomes).reduce((a, b) => a + b, 0);
  }

  summary(): LatencySummary {
    return summarize(this.latency);
  }

  reset(): void {
    for (const key of Object.keys(this.status)) delete this.status[key];
    for (const o of OUTCOMES) this.outcomes[o] = 0;
    this.latency.reset();
    this.acceptedLatency.reset();
  }

  destroy(): void {
    this.latency.destroy();
    this.acceptedLatency.destroy();
  }
}
