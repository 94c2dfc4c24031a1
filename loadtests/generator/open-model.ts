import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadRequest } from './http.js';
import { connectionPool, send } from './http.js';
import type { LatencySummary } from './latency.js';
import type { LedgerFate } from './outcome.js';
import { LEDGER_FATE, NO_ANSWER, ledgerFate } from './outcome.js';
import type { Stage } from './schedule.js';
import { ArrivalClock, rateAt, totalDurationMs } from './schedule.js';
import { Tally } from './tally.js';

export interface OpenModelOptions {
  readonly origin: URL;
  readonly stages: readonly Stage[];
  /** The request for arrival n (0, 1, 2, ...): each carries its own idempotency key. */
  readonly request: (n: number) => LoadRequest;
  readonly connections: number;
  /** Arrivals in flight or queued for a connection; beyond it an arrival is counted as not sent (the client is saturated). */
  readonly maxOutstanding: number;
  /** No run sends more than this, whatever the schedule says. */
  readonly maxArrivals: number;
  readonly timeoutMs: number;
  /** Called once a second with that second's numbers. */
  readonly onSecond?: (second: SecondSample) => void;
  /** Ends the schedule early (what is in flight is still awaited). */
  readonly stop?: AbortSignal;
}

export interface SecondSample {
  /** Seconds since the start (the end of the window). */
  readonly t: number;
  readonly offeredRate: number;
  readonly answered: number;
  readonly accepted: number;
  readonly shed: number;
  readonly errors: number;
  readonly outstanding: number;
  readonly latencyMs: LatencySummary;
}

export interface OpenModelResult {
  readonly tally: Tally;
  readonly sent: number;
  readonly elapsedMs: number;
  readonly seconds: SecondSample[];
  /** Per arrival: whether the ledger must, may or must not hold its events (LEDGER_FATE). */
  readonly fates: Uint8Array;
}

/**
 * Sends arrivals at their intended times, whether or not earlier ones were answered (an open model), and measures each
 * latency from the intended time. When the event loop is late, the arrivals that fell due meanwhile go out at once with
 * their original intended times, so the lateness shows up as latency instead of as a lower rate.
 */
export async function runOpenModel(options: OpenModelOptions): Promise<OpenModelResult> {
  const pool = connectionPool(options.origin, options.connections);
  const clock = new ArrivalClock(options.stages);
  const tally = new Tally();
  const window = new Tally();
  const seconds: SecondSample[] = [];
  const fates = new Uint8Array(Math.min(options.maxArrivals, 2 ** 31 - 1));
  const endMs = totalDurationMs(options.stages);
  let outstanding = 0;
  let sent = 0;
  let nextSecond = 1000;
  const start = performance.now();

  const fate = (n: number, value: LedgerFate): void => {
    fates[n] = value;
  };

  const fire = (n: number, intendedMs: number): void => {
    if (outstanding >= options.maxOutstanding) {
      const answer = { outcome: 'notSent', statusKey: NO_ANSWER.notSent } as const;
      tally.record(answer, undefined);
      window.record(answer, undefined);
      fate(n, LEDGER_FATE.none);
      return;
    }
    outstanding += 1;
    void send(pool, options.request(n), options.timeoutMs).then((answer) => {
      outstanding -= 1;
      const latencyMs = answer.status === undefined ? undefined : performance.now() - start - intendedMs;
      tally.record(answer, latencyMs);
      window.record(answer, latencyMs);
      fate(n, ledgerFate(answer.outcome, answer.status, answer.errorCode));
    });
  };

  const closeSecond = (t: number): void => {
    const sample: SecondSample = {
      t: t / 1000,
      offeredRate: Math.round(rateAt(options.stages, t - 1)),
      answered: window.answered,
      accepted: window.outcomes.accepted,
      shed: window.outcomes.shed,
      errors: window.total - window.outcomes.accepted - window.outcomes.shed,
      outstanding,
      latencyMs: window.summary(),
    };
    seconds.push(sample);
    options.onSecond?.(sample);
    window.reset();
  };

  for (;;) {
    const now = performance.now() - start;
    for (let due = clock.peek(); due !== undefined && due <= now && sent < fates.length; due = clock.peek()) {
      fire(sent, due);
      sent += 1;
      clock.advance();
    }
    while (now >= nextSecond && nextSecond <= endMs) {
      closeSecond(nextSecond);
      nextSecond += 1000;
    }
    if (clock.peek() === undefined || sent >= fates.length || options.stop?.aborted) break;
    await sleep(1);
  }
  // The last answers: each is bounded by the request timeout.
  while (outstanding > 0) await sleep(5);
  window.destroy();
  await pool.close();
  return { tally, sent, elapsedMs: performance.now() - start, seconds, fates: fates.subarray(0, sent) };
}
