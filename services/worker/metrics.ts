import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Metric names of the worker, in one place: dashboards, alert rules and KEDA docs refer to these. */
export const WORKER_METRIC_NAMES = {
  processed: 'worker_events_processed_total',
  duplicatesSkipped: 'worker_duplicates_skipped_total',
  deadLettered: 'worker_dead_lettered_total',
  batchSize: 'worker_batch_size',
  batchDuration: 'worker_batch_duration_seconds',
  lag: 'worker_consumer_lag',
  rebalances: 'worker_rebalances_total',
  databaseRetries: 'worker_database_retries_total',
  abandonedBatches: 'worker_abandoned_batches_total',
} as const;

export interface WorkerMetrics {
  readonly registry: Registry;
  readonly processed: Counter;
  readonly duplicatesSkipped: Counter;
  readonly deadLettered: Counter<'kind'>;
  readonly batchSize: Histogram;
  readonly batchDuration: Histogram;
  readonly lag: Gauge<'topic' | 'partition'>;
  readonly rebalances: Counter;
  readonly databaseRetries: Counter;
  readonly abandonedBatches: Counter<'reason'>;
}

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  return {
    registry,
    processed: new Counter({ name: WORKER_METRIC_NAMES.processed, help: 'Events whose effect was applied', registers }),
    duplicatesSkipped: new Counter({
      name: WORKER_METRIC_NAMES.duplicatesSkipped,
      help: 'Redelivered events skipped because their effect was already applied',
      registers,
    }),
    deadLettered: new Counter({
      name: WORKER_METRIC_NAMES.deadLettered,
      help: 'Messages sent to the dead-letter topic, by kind (invalid contract, failed after retries)',
      labelNames: ['kind'],
      registers,
    }),
    batchSize: new Histogram({
      name: WORKER_METRIC_NAMES.batchSize,
      help: 'Messages per applied chunk',
      buckets: [1, 10, 50, 100, 250, 500, 1000, 5000],
      registers,
    }),
    batchDuration: new Histogram({
      name: WORKER_METRIC_NAMES.batchDuration,
      help: 'Time to apply and commit one chunk',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    lag: new Gauge({
      name: WORKER_METRIC_NAMES.lag,
      help: 'Messages behind the partition high watermark, as of the last fetched batch',
      labelNames: ['topic', 'partition'],
      registers,
    }),
    rebalances: new Counter({ name: WORKER_METRIC_NAMES.rebalances, help: 'Consumer group joins', registers }),
    databaseRetries: new Counter({
      name: WORKER_METRIC_NAMES.databaseRetries,
      help: 'Database attempts that failed and were retried',
      registers,
    }),
    abandonedBatches: new Counter({
      name: WORKER_METRIC_NAMES.abandonedBatches,
      help: 'Batches left uncommitted because the partition was revoked or the worker is stopping',
      labelNames: ['reason'],
      registers,
    }),
  };
}
