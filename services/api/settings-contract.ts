// The API's settings, declared once: settings.ts reads them, generators/components/api.ts renders them.
import { tunable } from '../shared/settings-contract.js';
import { KAFKA_CONNECTION_SETTINGS } from '../shared/kafka/settings-contract.js';
import { databasePoolSettings, logLevelSetting } from '../shared/runtime/settings-contract.js';

export const API_SETTINGS = {
  HOST: { type: 'string', default: '0.0.0.0', rendered: 'may', description: 'The address the server listens on.' },
  PORT: { type: 'integer', min: 0, max: 65535, default: 8080, rendered: 'always', description: 'The HTTP port.' },
  ...logLevelSetting('info'),
  ...KAFKA_CONNECTION_SETTINGS,
  KAFKA_TOPIC: { type: 'string', rendered: 'always', description: 'The events topic the API produces to.' },
  API_KAFKA_CLIENT: {
    type: 'enum',
    values: ['platformatic', 'kafkajs'],
    default: 'platformatic',
    rendered: 'may',
    description: 'The Kafka client that produces the events: @platformatic/kafka, or kafkajs (the one before it).',
  },
  ...databasePoolSettings(4),
  API_AUTH_TOKENS_FILE: {
    type: 'string',
    optional: true,
    rendered: 'always',
    description: 'The callers’ token digests (a mounted Secret, re-read on change); unset: anonymous callers.',
  },
  API_BODY_LIMIT_BYTES: tunable(
    1024,
    16_777_216,
    1_048_576,
    'Largest request body accepted; larger bodies get 413 before they are parsed.',
  ),
  API_MAX_BATCH_EVENTS: tunable(1, 10_000, 500, 'Most events one batch request may carry.'),
  API_MAX_IN_FLIGHT_REQUESTS: tunable(
    1,
    100_000,
    512,
    'Event requests taken in and not yet answered; beyond it a request gets 503 at once.',
  ),
  API_MAX_IN_FLIGHT_BYTES: tunable(
    1024,
    1024 * 1024 * 1024,
    16 * 1024 * 1024,
    'Bytes of the bodies of those requests.',
  ),
  API_MAX_PENDING_EVENTS: tunable(
    1,
    1_000_000,
    20_000,
    'Events accepted but not yet acknowledged by Kafka; beyond it requests get 503.',
  ),
  API_MAX_PENDING_BYTES: tunable(
    1024,
    1024 * 1024 * 1024,
    32 * 1024 * 1024,
    'Bytes of those events: what bounds the memory a flood can take.',
  ),
  API_MAX_JSON_DEPTH: tunable(4, 256, 16, 'Deepest nesting of objects and arrays a body may have.'),
  API_REQUEST_TIMEOUT_MS: tunable(
    1000,
    600_000,
    30_000,
    'A request not completed within this is answered 408 and its socket closed.',
  ),
  API_SHUTDOWN_DRAIN_MS: {
    type: 'integer',
    min: 0,
    max: 120_000,
    default: 5000,
    rendered: 'always',
    description: 'After SIGTERM: not ready at once, still serving this long while the load balancer drains.',
  },
  API_SHUTDOWN_TIMEOUT_MS: {
    type: 'integer',
    min: 1000,
    max: 600_000,
    default: 20_000,
    rendered: 'always',
    description: 'After the drain: the longest the close and the flush to Kafka may take before the process exits.',
  },
  API_MAX_PRODUCE_BATCH: tunable(1, 10_000, 1000, 'Most events sent to Kafka in one produce request.'),
  API_MAX_IN_FLIGHT_PRODUCES: tunable(1, 64, 8, 'Produce requests awaiting Kafka’s acknowledgement at once.'),
  API_KEY_CLAIM_FLUSHES: tunable(
    1,
    100,
    1,
    'Idempotency-key claim flushes running at once, each on a pooled connection.',
  ),
  API_PRODUCE_TIMEOUT_MS: tunable(
    100,
    120_000,
    5000,
    'How long a request waits for Kafka’s acknowledgement before it answers 503.',
  ),
  API_RETRY_AFTER_SECONDS: tunable(
    1,
    3600,
    1,
    'Seconds a client is told to wait (Retry-After) when the API sheds load.',
  ),
} as const;
