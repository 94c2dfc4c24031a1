import type { DatabaseSettings } from '../shared/runtime/database.js';
import { readDatabaseSettings } from '../shared/runtime/database.js';
import { EnvReader } from '../shared/runtime/env-reader.js';

export interface ApiSettings {
  readonly host: string;
  readonly port: number;
  readonly kafkaBrokers: string[];
  readonly topic: string;
  /** Largest request body accepted, in bytes; larger bodies get 413 before they are parsed. */
  readonly bodyLimitBytes: number;
  /** Most events one batch request may carry. */
  readonly maxBatchEvents: number;
  /** Event requests taken in and not yet answered; beyond it a request is refused at once with 503. */
  readonly maxInFlightRequests: number;
  /** Bytes of their bodies (Content-Length, or the body limit when there is none). */
  readonly maxInFlightBytes: number;
  /** Events accepted but not yet acknowledged by Kafka, across all requests; beyond it requests get 503. */
  readonly maxPendingEvents: number;
  /** Bytes of those events: what bounds the memory a flood can take, whatever the size of each event. */
  readonly maxPendingBytes: number;
  /** Deepest nesting of objects and arrays a body may have (the contract needs 3; payloads get some room). */
  readonly maxJsonDepth: number;
  /** A request that has not completed within this is answered 408 and its socket closed. */
  readonly requestTimeoutMs: number;
  /** After SIGTERM: readiness turns false at once, the server keeps serving this long while the load balancer drains. */
  readonly shutdownDrainMs: number;
  readonly database: DatabaseSettings;
  /** Most events sent to Kafka in one produce request. */
  readonly maxProduceBatch: number;
  /** Produce requests awaiting Kafka's acknowledgement at once (the producer's maxInFlightRequests). */
  readonly maxInFlightProduces: number;
  /**
   * Idempotency-key claim flushes running at once, each on a pooled connection (at most the pool size). One by default:
   * a flush then gathers every claim that arrived during the previous one, and on a busy machine fewer, larger commits
   * beat more, smaller ones (docs/performance.md, "What each API change bought").
   */
  readonly keyClaimFlushes: number;
  /** How long a request waits for Kafka's acknowledgement before it answers 503. */
  readonly produceTimeoutMs: number;
  /** Seconds a client is told to wait (Retry-After) when the API sheds load. */
  readonly retryAfterSeconds: number;
}

export function readApiSettings(env: NodeJS.ProcessEnv = process.env): ApiSettings {
  const read = new EnvReader(env);
  return read.done({
    host: read.string('HOST', '0.0.0.0'),
    port: read.integer('PORT', 8080, 0, 65535),
    kafkaBrokers: read.list('KAFKA_BROKERS'),
    topic: read.string('KAFKA_TOPIC'),
    bodyLimitBytes: read.integer('API_BODY_LIMIT_BYTES', 1_048_576, 1024, 16_777_216),
    maxBatchEvents: read.integer('API_MAX_BATCH_EVENTS', 500, 1, 10_000),
    maxInFlightRequests: read.integer('API_MAX_IN_FLIGHT_REQUESTS', 512, 1, 100_000),
    maxInFlightBytes: read.integer('API_MAX_IN_FLIGHT_BYTES', 16 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxPendingEvents: read.integer('API_MAX_PENDING_EVENTS', 20_000, 1, 1_000_000),
    maxPendingBytes: read.integer('API_MAX_PENDING_BYTES', 32 * 1024 * 1024, 1024, 1024 * 1024 * 1024),
    maxJsonDepth: read.integer('API_MAX_JSON_DEPTH', 16, 4, 256),
    requestTimeoutMs: read.integer('API_REQUEST_TIMEOUT_MS', 30_000, 1000, 600_000),
    shutdownDrainMs: read.integer('API_SHUTDOWN_DRAIN_MS', 5000, 0, 120_000),
    database: readDatabaseSettings(read, 4),
    maxProduceBatch: read.integer('API_MAX_PRODUCE_BATCH', 1000, 1, 10_000),
    maxInFlightProduces: read.integer('API_MAX_IN_FLIGHT_PRODUCES', 8, 1, 64),
    keyClaimFlushes: read.integer('API_KEY_CLAIM_FLUSHES', 1, 1, 100),
    produceTimeoutMs: read.integer('API_PRODUCE_TIMEOUT_MS', 5000, 100, 120_000),
    retryAfterSeconds: read.integer('API_RETRY_AFTER_SECONDS', 1, 1, 3600),
  });
}
