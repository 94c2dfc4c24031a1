import type { KafkaAuth } from './security.js';
import type { SendRetry } from './send-retry.js';

/** An event as the services produce it: the key picks the partition (murmur2, as the Java client does), the value is JSON. */
export interface OutgoingMessage {
  readonly key: string;
  readonly value: string;
}

/**
 * What the services need of a producer, whichever Kafka client is behind it (the API's API_KAFKA_CLIENT setting:
 * kafkajs-producer.ts or platformatic-producer.ts; docs/tradeoffs.md, "The Kafka client").
 */
export interface EventProducer {
  /** Connects to the brokers; rejects while they cannot be reached (the caller retries in the background). */
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /**
   * Resolves once every message was acknowledged by all in-sync replicas (acks=all), and only then; rejects
   * otherwise, having retried the whole send as `retry` says.
   */
  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void>;
  /**
   * How many of the topic's partitions have no leader, asked through this producer's own client and credentials: the
   * API's readiness question, so that a client that cannot authenticate or reach the brokers takes its replica out of
   * the Service instead of leaving it ready and answering 503.
   */
  leaderlessPartitions(topic: string): Promise<number>;
}

export interface EventProducerOptions {
  readonly clientId: string;
  readonly brokers: readonly string[];
  /** Produce requests awaiting the broker's answer at once, per connection. */
  readonly maxInFlightRequests: number;
  readonly retry: SendRetry;
  readonly connectionTimeoutMs: number;
  readonly requestTimeoutMs: number;
  /** TLS and SASL; unset: from the environment (KAFKA_AUTH, security.ts). */
  readonly auth?: KafkaAuth;
}
