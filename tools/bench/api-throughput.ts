import type { TrafficShape } from '../../loadtests/events.js';
import { eventRequest } from '../../loadtests/events.js';
import { runClosedModel } from '../../loadtests/generator/closed-model.js';
import { startHelloWorld } from './processes.js';

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

/**
 * The fastify hello world and the API, one after the other, `rounds` times (hello, API, hello, API, ...), so a burst of
 * load from elsewhere on a shared machine hits both about equally; the result is the mean of the rounds.
 */
export async function helloWorldVsApi(
  apiUrl: string,
  newShape: () => TrafficShape,
  settings: ClosedRunSettings,
  rounds: number,
  log: (line: string) => void,
): Promise<{ helloWorld: Throughput; api: Throughput }> {
  const hello: Throughput[] = [];
  const api: Throughput[] = [];
  const helloWorld = await startHelloWorld();
  try {
    for (let round = 1; round <= rounds; round += 1) {
      hello.push(await closedRun(helloWorld.url, newShape(), settings));
      log(`  hello world, round ${round}: ${hello.at(-1)!.requestsPerSec} req/s, p99 ${hello.at(-1)!.p99Ms} ms`);
      api.push(await closedRun(apiUrl, newShape(), settings));
      log(`  API, round ${round}: ${api.at(-1)!.eventsPerSec} events/s, p99 ${api.at(-1)!.p99Ms} ms`);
    }
  } finally {
    await helloWorld.stop();
  }
  return { helloWorld: mean(hello), api: mean(api) };
}

export function mean(runs: readonly Throughput[]): Throughput {
  const avg = (f: (t: Throughput) => number) => runs.reduce((s, t) => s + f(t), 0) / runs.length;
  return {
    requestsPerSec: Math.round(avg((t) => t.requestsPerSec)),
    eventsPerSec: Math.round(avg((t) => t.eventsPerSec)),
    p99Ms: Math.round(avg((t) => t.p99Ms) * 100) / 100,
    failed: runs.reduce((s, t) => s + t.failed, 0),
  };
}
