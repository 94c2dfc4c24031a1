import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { memoryMebibytes } from '../../config/quantities.js';
import { repoRoot } from '../../config/paths.js';

/** How long and how hard each part of the benchmark runs: a full run for the record, a quick one for CI. */
export interface BenchSettings {
  readonly quick: boolean;
  readonly partitions: number;
  readonly accounts: number;
  readonly closed: { warmupMs: number; durationMs: number; rounds: number };
  readonly singleConcurrency: number;
  readonly batchConcurrency: number;
  readonly batchEvents: number;
  readonly producerPerfRecords: number;
  readonly drainEvents: number;
  readonly drainSettleMs: number;
  readonly pgbenchSeconds: number;
  readonly e2eRates: number[];
  readonly e2eSeconds: number;
  readonly e2eWorkers: number;
  /** The rate the accept → applied goal is judged at. */
  readonly e2eGoalRate: number;
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
    closed: quick ? { warmupMs: 1000, durationMs: 3000, rounds: 1 } : { warmupMs: 2000, durationMs: 10_000, rounds: 2 },
    singleConcurrency: 64,
    batchConcurrency: 8,
    batchEvents: 100,
    producerPerfRecords: quick ? 500_000 : 3_000_000,
    drainEvents: quick ? 150_000 : 600_000,
    drainSettleMs: quick ? 1000 : 2000,
    pgbenchSeconds: quick ? 3 : 10,
    e2eRates: quick ? [1000, 10_000] : [1000, 2500, 5000, 7500, 10_000],
    e2eSeconds: quick ? 4 : 15,
    e2eWorkers: 2,
    e2eGoalRate: 10_000,
    floodRate: 25_000,
    floodSeconds: quick ? 5 : 30,
    floodConnections: 1024,
    recoveryRate: 300,
  };
}

/** The smallest memory limit any environment gives the API: what its RSS under a flood must stay within. */
export function apiMemoryLimitMiB(): number {
  return Math.min(
    ...listEnvironments(repoRoot).map((env) =>
      memoryMebibytes(loadEnvironment(repoRoot, env).config.api.resources.limits.memory),
    ),
  );
}
