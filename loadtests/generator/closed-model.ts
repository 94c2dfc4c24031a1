import { performance } from 'node:perf_hooks';
import type { LoadRequest } from './http.js';
import { connectionPool, send } from './http.js';
import { Tally } from './tally.js';

export interface ClosedModelOptions {
  readonly origin: URL;
  readonly request: (n: number) => LoadRequest;
  /** Requests in flight at all times, one per connection. */
  readonly concurrency: number;
  /** Sent but not counted first, so connection set-up and JIT warm-up stay out of the numbers. */
  readonly warmupMs: number;
  readonly durationMs: number;
  readonly timeoutMs: number;
}

export interface ClosedModelResult {
  readonly tally: Tally;
  readonly requestsPerSec: number;
  readonly elapsedMs: number;
}

/**
 * As many requests as the server answers, `concurrency` at a time: a throughput ceiling, the way autocannon or wrk
 * measure one. Only the benchmark uses it (load profiles are open-model); latency is from each send.
 */
export async function runClosedModel(options: ClosedModelOptions): Promise<ClosedModelResult> {
  const pool = connectionPool(options.origin, options.concurrency);
  const tally = new Tally();
  let n = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;

  const lane = async (): Promise<void> => {
    for (;;) {
      const sentAt = performance.now();
      if (sentAt >= end) return;
      const answer = await send(pool, options.request(n++), options.timeoutMs);
      if (sentAt >= measureFrom)
        tally.record(answer, answer.status === undefined ? undefined : performance.now() - sentAt);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  const elapsedMs = performance.now() - measureFrom;
  await pool.close();
  return { tally, requestsPerSec: (tally.total / elapsedMs) * 1000, elapsedMs };
}
