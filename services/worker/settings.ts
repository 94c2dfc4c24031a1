import type { DatabaseSettings } from '../shared/runtime/database.js';
import { readDatabaseSettings } from '../shared/runtime/database.js';
import type { RetentionSettings } from '../db/retention.js';
import { readRetentionSettings } from '../db/retention.js';
import { EnvReader } from '../shared/runtime/env-reader.js';

export const WORKER_MODES = ['before', 'after'] as const;
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

export function readWorkerSettings(env: NodeJS.ProcessEnv = process.env): WorkerSettings {
  const read = new EnvReader(env);
  const crashAfter = read.integer('FAILPOINT_CRASH_AFTER_APPLIED', 0, 0, 1_000_000_000);
  return read.done({
    mode: read.oneOf('WORKER_MODE', WORKER_MODES, 'after'),
    metricsPort: read.integer('METRICS_PORT', 9464, 0, 65535),
    kafkaBrokers: read.list('KAFKA_BROKERS'),
    topic: read.string('KAFKA_TOPIC'),
    deadLetterTopic: read.string('KAFKA_DEAD_LETTER_TOPIC'),
    consumerGroup: read.string('KAFKA_CONSUMER_GROUP'),
    database: readDatabaseSettings(read, 4),
    sessionTimeoutMs: read.integer('KAFKA_SESSION_TIMEOUT_MS', 6000, 6000, 300_000),
    heartbeatIntervalMs: read.integer('KAFKA_HEARTBEAT_INTERVAL_MS', 1000, 100, 60_000),
    rebalanceTimeoutMs: read.integer('KAFKA_REBALANCE_TIMEOUT_MS', 30_000, 1000, 300_000),
    lagIntervalMs: read.integer('WORKER_LAG_INTERVAL_MS', 5000, 500, 600_000),
    retention: readRetentionSettings(read),
    pruneIntervalMs: read.integer('WORKER_PRUNE_INTERVAL_MS', 3_600_000, 1000, 86_400_000),
    partitionsConcurrently: read.integer('WORKER_PARTITIONS_CONCURRENTLY', 2, 1, 64),
    chunkSize: read.integer('WORKER_CHUNK_SIZE', 500, 1, 10_000),
    maxAttempts: read.integer('WORKER_MAX_ATTEMPTS', 5, 1, 100),
    retryBaseMs: read.integer('WORKER_RETRY_BASE_MS', 100, 1, 60_000),
    retryMaxMs: read.integer('WORKER_RETRY_MAX_MS', 5000, 1, 600_000),
    autoCommitIntervalMs: read.integer('WORKER_AUTOCOMMIT_INTERVAL_MS', 5000, 100, 600_000),
    shutdownTimeoutMs: read.integer('WORKER_SHUTDOWN_TIMEOUT_MS', 25_000, 1000, 3_600_000),
    crashAfterApplied: crashAfter === 0 ? undefined : crashAfter,
  });
}
