import type { TrafficShape } from '../../loadtests/events.js';
import { eventRequest } from '../../loadtests/events.js';
import { runClosedModel } from '../../loadtests/generator/closed-model.js';

export interface ClosedRunSettings {
  readonly concurrency: number;
  readonly warmupMs: number;
  readonly durationMs: number;
}

export interface Throughput {
  readonly requestsPerSec: number;
  /** 2xx answers × events per request, per second. */
  readonly eventsPerSec: number;
  readonly p99Ms: number;
  /** Answers that were not 2xx: a throughput bought with errors would not count. */
  readonly failed: number;
}

/** The same load generator, the same requests, the same connections: only the server differs. */
export async function closedRun(url: string, shape: TrafficShape, settings: ClosedRunSettings): Promise<Throughput> {
  const result = await runClosedModel({
    origin: new URL(url),
    request: (n) => eventRequest(shape, n),
    concurrency: settings.concurrency,
    warmupMs: settings.warmupMs,
    durationMs: settings.durationMs,
    timeoutMs: 10_000,
  });
  const seconds = result.elapsedMs / 1000;
  const accepted = result.tally.outcomes.accepted;
  const throughput = {
    requestsPerSec: Math.round(result.tally.total / seconds),
    eventsPerSec: Math.round((accepted * shape.eventsPerRequest) / seconds),
    p99Ms: result.tally.summary().p99,
    failed: result.tally.total - accepted,
  };
  result.tally.destroy();
  return throughput;
}

/** The middle of the rounds (the mean of the middle two for an even count): one burst of other work moves it least. */
export function median(runs: readonly Throughput[]): Throughput {
  const mid = (f: (t: Throughput) => number) => {
    const sorted = runs.map(f).sort((a, b) => a - b);
    const half = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[half]! : (sorted[half - 1]! + sorted[half]!) / 2;
  };
  return {
    requestsPerSec: Math.round(mid((t) => t.requestsPerSec)),
    eventsPerSec: Math.round(mid((t) => t.eventsPerSec)),
    p99Ms: Math.round(mid((t) => t.p99Ms) * 100) / 100,
    failed: runs.reduce((sum, t) => sum + t.failed, 0),
  };
}
