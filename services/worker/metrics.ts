import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { POISON_KINDS } from './messages.js';

/** Metric names of the worker, in one place: dashboards, alert rules and KEDA docs refer to these. */
export const WORKER_METRIC_NAMES = {
  processed: 'worker_events_processed_total',
  duplicatesSkipped: 'worker_duplicates_skipped_total',
  deadLettered: 'worker_dead_lettered_total',
  batchSize: 'worker_batch_size',
  batchDuration: 'worker_batch_duration_seconds',
  lag: 'worker_consumer_lag',
  rebalances: 'worker_rebalances_total',
  transientFailures: 'worker_transient_failures_total',
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
  readonly transientFailures: Counter<'dependency' | 'reason'>;
  readonly abandonedBatches: Counter<'reason'>;
}

/** Label values every alert may read: their series exist at 0 from the start, so `increase()` sees the first one. */
const ABANDON_REASONS = ['partition-revoked', 'stopping', 'commit-refused'] as const;

export function createWorkerMetrics(): WorkerMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const registers = [registry];
  const metrics: WorkerMetrics = {
    registry,
    processed: new Counter({ name: WORKER_METRIC_NAMES.processed, help: 'Events whose effect was applied', registers }),
    duplicatesSkipped: new Counter({
      name: WORKER_METRIC_NAMES.duplicatesSkipped,
      help: 'Redelivered events skipped because their effect was already applied',
      registers,
    }),
    deadLettered: new Counter({
      name: WORKER_METRIC_NAMES.deadLettered,
      help: 'Messages sent to the dead-letter topic, by kind (invalid: breaks the contract; failed: the database refused its values; conflict: its id was used by another body)',
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
      help: 'Time to apply one chunk: its transaction and any dead letters (the offset is committed once per fetched batch)',
      buckets: [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    lag: new Gauge({
      name: WORKER_METRIC_NAMES.lag,
      help: "Messages behind the partition's high watermark, from the group's committed offsets, read on a timer",
      labelNames: ['topic', 'partition'],
      registers,
    }),
    rebalances: new Counter({ name: WORKER_METRIC_NAMES.rebalances, help: 'Consumer group joins', registers }),
    transientFailures: new Counter({
      name: WORKER_METRIC_NAMES.transientFailures,
      help: 'Attempts that failed for a reason other than the event (an outage, a timeout) and were retried, by dependency and reason',
      labelNames: ['dependency', 'reason'],
      registers,
    }),
    abandonedBatches: new Counter({
      name: WORKER_METRIC_NAMES.abandonedBatches,
      help: 'Batches left uncommitted because the partition was revoked or the worker is stopping',
      labelNames: ['reason'],
      registers,
    }),
  };
  for (const kind of POISON_KINDS) metrics.deadLettered.inc({ kind }, 0);
  for (const reason of ABANDON_REASONS) metrics.abandonedBatches.inc({ reason }, 0);
  metrics.processed.inc(0);
  metrics.duplicatesSkipped.inc(0);
  return metrics;
}
