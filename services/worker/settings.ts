import type { DatabaseSettings } from '../shared/runtime/database.js';
import { readDatabaseSettings } from '../shared/runtime/database.js';
import type { RetentionSettings } from '../db/retention.js';
import { readRetentionSettings } from '../db/retention.js';
import type { EnvReaderOptions } from '../shared/runtime/env-reader.js';
import { EnvReader } from '../shared/runtime/env-reader.js';
import { WORKER_SETTINGS } from './settings-contract.js';

export const WORKER_MODES = WORKER_SETTINGS.WORKER_MODE.values;
export type WorkerMode = (typeof WORKER_MODES)[number];

export interface WorkerSettings {
  readonly mode: WorkerMode;
  readonly metricsPort: number;
  readonly kafkaBrokers: string[];
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly consumerGroup: string;
  readonly database: DatabaseSettings;
  /**
   * How long the group waits for a silent member before giving its partitions to the others: with the heartbeat
   * below, a SIGKILLed replica's partitions move within about sessionTimeout + 2 heartbeats (docs/services.md).
   */
  readonly sessionTimeoutMs: number;
  readonly heartbeatIntervalMs: number;
  /** How long the group waits for members to rejoin during a rebalance (a busy member notices at its next heartbeat). */
  readonly rebalanceTimeoutMs: number;
  /** How often the consumer lag gauge is read from the broker (committed offsets against high watermarks). */
  readonly lagIntervalMs: number;
  /** How long dedup records and idempotency keys are kept, and how often one replica prunes what is older. */
  readonly retention: RetentionSettings;
  readonly pruneIntervalMs: number;
  /** Partitions processed at the same time by one replica (each holds one database connection while it works). */
  readonly partitionsConcurrently: number;
  /** Events written per database transaction; a large fetched batch is applied and committed in chunks this size. */
  readonly chunkSize: number;
  /** Attempts for an event that fails for a reason of its own before it goes to the dead-letter topic. */
  readonly maxAttempts: number;
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** `before` mode: how often a timer commits processed offsets, independently of the effects (Kafka's default is 5 s). */
  readonly autoCommitIntervalMs: number;
  /** Must stay below the pod's terminationGracePeriodSeconds: after it the process exits regardless. */
  readonly shutdownTimeoutMs: number;
  /** Fault injection for the crash tests: SIGKILL this process once it has applied this many events. */
  readonly crashAfterApplied: number | undefined;
}

/** `strict`: read a rendered environment (EnvReaderOptions), as the render's contract test does. */
export function readWorkerSettings(
  env: NodeJS.ProcessEnv = process.env,
  options: EnvReaderOptions = {},
): WorkerSettings {
  const read = new EnvReader(env, WORKER_SETTINGS, options);
  const crashAfter = read.integer('FAILPOINT_CRASH_AFTER_APPLIED');
  return read.done({
    mode: read.oneOf('WORKER_MODE'),
    metricsPort: read.integer('METRICS_PORT'),
    kafkaBrokers: read.list('KAFKA_BROKERS'),
    topic: read.string('KAFKA_TOPIC'),
    deadLetterTopic: read.string('KAFKA_DEAD_LETTER_TOPIC'),
    consumerGroup: read.string('KAFKA_CONSUMER_GROUP'),
    database: readDatabaseSettings(read),
    sessionTimeoutMs: read.integer('KAFKA_SESSION_TIMEOUT_MS'),
    heartbeatIntervalMs: read.integer('KAFKA_HEARTBEAT_INTERVAL_MS'),
    rebalanceTimeoutMs: read.integer('KAFKA_REBALANCE_TIMEOUT_MS'),
    lagIntervalMs: read.integer('WORKER_LAG_INTERVAL_MS'),
    retention: readRetentionSettings(read),
    pruneIntervalMs: read.integer('WORKER_PRUNE_INTERVAL_MS'),
    partitionsConcurrently: read.integer('WORKER_PARTITIONS_CONCURRENTLY'),
    chunkSize: read.integer('WORKER_CHUNK_SIZE'),
    maxAttempts: read.integer('WORKER_MAX_ATTEMPTS'),
    retryBaseMs: read.integer('WORKER_RETRY_BASE_MS'),
    retryMaxMs: read.integer('WORKER_RETRY_MAX_MS'),
    autoCommitIntervalMs: read.integer('WORKER_AUTOCOMMIT_INTERVAL_MS'),
    shutdownTimeoutMs: read.integer('WORKER_SHUTDOWN_TIMEOUT_MS'),
    crashAfterApplied: crashAfter === 0 ? undefined : crashAfter,
  });
}
