// The worker's settings, declared once: settings.ts reads them, generators/components/worker.ts renders them.
import { tunable } from '../shared/settings-contract.js';
import { RETENTION_SETTINGS } from '../db/settings-contract.js';
import { KAFKA_CONNECTION_SETTINGS } from '../shared/kafka/settings-contract.js';
import { databasePoolSettings, logLevelSetting } from '../shared/runtime/settings-contract.js';

export const WORKER_SETTINGS = {
  WORKER_MODE: {
    type: 'enum',
    values: ['before', 'after'],
    default: 'after',
    rendered: 'always',
    description: 'before: the naive worker that duplicates under rebalances (demo only); after: exactly once.',
  },
  METRICS_PORT: {
    type: 'integer',
    min: 0,
    max: 65535,
    default: 9464,
    rendered: 'always',
    description: 'The port of /metrics and the health endpoints.',
  },
  ...logLevelSetting('info'),
  ...KAFKA_CONNECTION_SETTINGS,
  KAFKA_TOPIC: { type: 'string', rendered: 'always', description: 'The events topic the worker consumes.' },
  KAFKA_DEAD_LETTER_TOPIC: {
    type: 'string',
    rendered: 'always',
    description: 'Where a poison event goes, with its error attached.',
  },
  KAFKA_CONSUMER_GROUP: { type: 'string', rendered: 'always', description: 'The consumer group the replicas share.' },
  ...databasePoolSettings(4),
  KAFKA_SESSION_TIMEOUT_MS: tunable(
    6000,
    300_000,
    6000,
    'How long the group waits for a silent member before moving its partitions.',
  ),
  KAFKA_HEARTBEAT_INTERVAL_MS: tunable(100, 60_000, 1000, 'How often a member tells the group it is alive.'),
  KAFKA_REBALANCE_TIMEOUT_MS: tunable(
    1000,
    300_000,
    30_000,
    'How long the group waits for members to rejoin during a rebalance.',
  ),
  WORKER_LAG_INTERVAL_MS: tunable(500, 600_000, 5000, 'How often the consumer lag gauge is read from the broker.'),
  ...RETENTION_SETTINGS,
  WORKER_PRUNE_INTERVAL_MS: tunable(
    1000,
    86_400_000,
    3_600_000,
    'How often one replica prunes dedup records and idempotency keys past their windows.',
  ),
  WORKER_PARTITIONS_CONCURRENTLY: tunable(
    1,
    64,
    2,
    'Partitions one replica processes at once (each holds a database connection).',
  ),
  WORKER_CHUNK_SIZE: tunable(1, 10_000, 500, 'Events written per database transaction.'),
  WORKER_MAX_ATTEMPTS: tunable(1, 100, 5, 'Attempts for an event that fails on its own before it is dead-lettered.'),
  WORKER_RETRY_BASE_MS: tunable(1, 60_000, 100, 'The first retry’s backoff; it doubles per attempt.'),
  WORKER_RETRY_MAX_MS: tunable(1, 600_000, 5000, 'The longest backoff between two attempts.'),
  WORKER_AUTOCOMMIT_INTERVAL_MS: tunable(
    100,
    600_000,
    5000,
    '`before` mode: how often a timer commits offsets, independently of the effects.',
  ),
  WORKER_SHUTDOWN_TIMEOUT_MS: {
    type: 'integer',
    min: 1000,
    max: 3_600_000,
    default: 25_000,
    rendered: 'always',
    description: 'After SIGTERM the process exits by this deadline; below terminationGracePeriodSeconds.',
  },
  FAILPOINT_CRASH_AFTER_APPLIED: {
    type: 'integer',
    min: 0,
    max: 1_000_000_000,
    default: 0,
    rendered: 'never',
    description: 'Fault injection for the crash tests: SIGKILL itself after this many applied events (0: never).',
  },
} as const;
