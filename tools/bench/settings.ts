import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { memoryMebibytes } from '../../config/quantities.js';
import { repoRoot } from '../../config/paths.js';

/** One configuration of the API, started as its own process: what a change bought shows as the step between two. */
export interface ApiVariant {
  readonly name: string;
  readonly env: Record<string, string>;
}

/**
 * The API as it was before each throughput change, then with each change added; the last one is today's defaults.
 * The changes are settings, so one run measures them all on the same machine in the same minutes.
 */
export const API_VARIANTS: readonly ApiVariant[] = [
  { name: 'one produce call at a time (before)', env: { API_MAX_IN_FLIGHT_PRODUCES: '1' } },
  { name: '4 key flushes in flight (tried, not kept)', env: { API_KEY_CLAIM_FLUSHES: '4' } },
  // The pod's heap bounds (generators/render/node-heap.ts) are every variant's; this one runs without them.
  { name: "Node's own heap sizing (before)", env: { NODE_OPTIONS: '' } },
  // The Kafka client behind the producer (services/shared/kafka/event-producers.ts; docs/tradeoffs.md, "The Kafka client").
  { name: 'produced with kafkajs (before)', env: { API_KAFKA_CLIENT: 'kafkajs' } },
  { name: 'produced with @platformatic/kafka (defaults)', env: {} },
];

/** How long and how hard each part of the benchmark runs: a full run for the record, a quick one for CI. */
export interface BenchSettings {
  readonly quick: boolean;
  readonly partitions: number;
  readonly accounts: number;
  readonly closed: { warmupMs: number; durationMs: number; rounds: number };
  /** The quick run measures today's defaults only. */
  readonly apiVariants: readonly ApiVariant[];
  readonly singleConcurrency: number;
  readonly batchConcurrency: number;
  readonly batchEvents: number;
  readonly producerPerfRecords: number;
  readonly drainEvents: number;
  readonly drainSettleMs: number;
  readonly pgbenchSeconds: number;
  readonly e2eRates: number[];
  readonly e2eSeconds: number;
  /**
   * A first run at the first rate, left out of the figures: freshly started processes answer their first seconds
   * slower (the JIT compiles, connections and pools fill), as the closed-loop parts leave out their warm-up.
   */
  readonly e2eWarmupSeconds: number;
  readonly e2eWorkers: number;
  readonly floodRate: number;
  readonly floodSeconds: number;
  readonly floodConnections: number;
  readonly recoveryRate: number;
}

export function benchSettings(quick: boolean): BenchSettings {
  return {
    quick,
    partitions: 4,
    accounts: 1000,
    closed: quick ? { warmupMs: 1000, durationMs: 3000, rounds: 1 } : { warmupMs: 1000, durationMs: 5000, rounds: 4 },
    apiVariants: quick ? API_VARIANTS.slice(-1) : API_VARIANTS,
    // Enough requests in flight for the API to wait on its round trips to PostgreSQL and Kafka in parallel; the hello
    // world gets the same.
    singleConcurrency: 128,
    batchConcurrency: 16,
    batchEvents: 100,
    producerPerfRecords: quick ? 500_000 : 3_000_000,
    drainEvents: quick ? 150_000 : 600_000,
    drainSettleMs: quick ? 1000 : 2000,
    pgbenchSeconds: quick ? 3 : 10,
    e2eRates: quick ? [1000, 10_000] : [1000, 2500, 5000, 7500, 10_000],
    e2eSeconds: quick ? 4 : 15,
    e2eWarmupSeconds: quick ? 4 : 15,
    e2eWorkers: 2,
    floodRate: 25_000,
    floodSeconds: quick ? 5 : 30,
    floodConnections: 1024,
    recoveryRate: 300,
  };
}

/** `--rates 1000,10000`: the fixed rates (events/s) the accept → applied part runs at, in order. */
export function parseRates(raw: string): number[] {
  const rates = raw.split(',').map((part) => part.trim());
  for (const rate of rates)
    if (!/^[1-9]\d*$/.test(rate))
      throw new Error(`--rates takes positive whole events/s separated by commas, got '${raw}'`);
  return rates.map(Number);
}

/** The smallest memory limit any environment gives the component: what it must run within. */
export function memoryLimitMiB(component: 'api' | 'worker'): number {
  return Math.min(
    ...listEnvironments(repoRoot).map((env) =>
      memoryMebibytes(loadEnvironment(repoRoot, env).config[component].resources.limits.memory),
    ),
  );
}

/** The smallest memory limit any environment gives the API: what its RSS under a flood must stay within. */
export const apiMemoryLimitMiB = (): number => memoryLimitMiB('api');
