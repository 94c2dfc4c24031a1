import type { DatabaseSettings } from '../shared/runtime/database.js';
import { readDatabaseSettings } from '../shared/runtime/database.js';
import type { EnvReaderOptions } from '../shared/runtime/env-reader.js';
import { EnvReader } from '../shared/runtime/env-reader.js';
import { API_SETTINGS } from './settings-contract.js';

export interface ApiSettings {
  readonly host: string;
  readonly port: number;
  readonly kafkaBrokers: string[];
  readonly topic: string;
  /** The Kafka client that produces the events (docs/tradeoffs.md, "The Kafka client"). */
  readonly kafkaClient: 'kafkajs' | 'platformatic';
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
  /** After the drain: how long closing the server and flushing to Kafka may take before the process exits anyway. */
  readonly shutdownTimeoutMs: number;
  /** The callers' token digests, re-read when the mounted Secret changes; undefined: anonymous callers only. */
  readonly authTokensFile: string | undefined;
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

/** `strict`: read a rendered environment (EnvReaderOptions), as the render's contract test does. */
export function readApiSettings(env: NodeJS.ProcessEnv = process.env, options: EnvReaderOptions = {}): ApiSettings {
  const read = new EnvReader(env, API_SETTINGS, options);
  return read.done({
    host: read.string('HOST'),
    port: read.integer('PORT'),
    kafkaBrokers: read.list('KAFKA_BROKERS'),
    topic: read.string('KAFKA_TOPIC'),
    kafkaClient: read.oneOf('API_KAFKA_CLIENT'),
    authTokensFile: read.optionalString('API_AUTH_TOKENS_FILE'),
    bodyLimitBytes: read.integer('API_BODY_LIMIT_BYTES'),
    maxBatchEvents: read.integer('API_MAX_BATCH_EVENTS'),
    maxInFlightRequests: read.integer('API_MAX_IN_FLIGHT_REQUESTS'),
    maxInFlightBytes: read.integer('API_MAX_IN_FLIGHT_BYTES'),
    maxPendingEvents: read.integer('API_MAX_PENDING_EVENTS'),
    maxPendingBytes: read.integer('API_MAX_PENDING_BYTES'),
    maxJsonDepth: read.integer('API_MAX_JSON_DEPTH'),
    requestTimeoutMs: read.integer('API_REQUEST_TIMEOUT_MS'),
    shutdownDrainMs: read.integer('API_SHUTDOWN_DRAIN_MS'),
    shutdownTimeoutMs: read.integer('API_SHUTDOWN_TIMEOUT_MS'),
    database: readDatabaseSettings(read),
    maxProduceBatch: read.integer('API_MAX_PRODUCE_BATCH'),
    maxInFlightProduces: read.integer('API_MAX_IN_FLIGHT_PRODUCES'),
    keyClaimFlushes: read.integer('API_KEY_CLAIM_FLUSHES'),
    produceTimeoutMs: read.integer('API_PRODUCE_TIMEOUT_MS'),
    retryAfterSeconds: read.integer('API_RETRY_AFTER_SECONDS'),
  });
}
