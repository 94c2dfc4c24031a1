import type { Logger } from 'pino';
import { createKafka } from './client.js';
import type { EventProducer, EventProducerOptions, OutgoingMessage } from './event-producer.js';
import { keyHashPartitioner } from './partitioner.js';
import { kafkajsSecurity, readKafkaAuth } from './security.js';
import { wholeSendRetries } from './send-retry.js';

/** A send kafkajs itself calls not worth repeating (a record too large, no authorisation), its cause included. */
export function kafkajsRetriable(error: unknown): boolean {
  const e = error as { retriable?: boolean; cause?: { retriable?: boolean } };
  return e.cause?.retriable ?? e.retriable ?? true;
}

/**
 * A kafkajs producer whose every send is retried whole (wholeSendRetries); kafkajs's own retries inside a call are
 * off. Keyed messages are partitioned as kafkajs's DefaultPartitioner does, with a cheaper hash (partitioner.ts).
 */
export function createKafkajsProducer(options: EventProducerOptions, logger: Logger): EventProducer {
  const kafka = createKafka(options.clientId, [...options.brokers], logger, {
    // The cluster's own retries (connecting, metadata) as before the producer had its own client.
    retry: options.retry,
    connectionTimeout: options.connectionTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    ...kafkajsSecurity(options.auth ?? readKafkaAuth()),
  });
  const producer = kafka.producer({
    maxInFlightRequests: options.maxInFlightRequests,
    allowAutoTopicCreation: false,
    createPartitioner: keyHashPartitioner,
    retry: { retries: 0 },
  });
  // Metadata comes from an admin client of the same Kafka instance (kafkajs's producer does not expose it).
  const admin = kafka.admin();
  let adminConnected: Promise<void> | undefined;
  const sendOnce = async (topic: string, messages: readonly OutgoingMessage[]): Promise<void> => {
    // kafkajs's types want a mutable array; it does not change the messages.
    await producer.send({ topic, acks: -1, messages: messages as OutgoingMessage[] });
  };
  return {
    connect: () => producer.connect(),
    disconnect: async () => {
      await producer.disconnect();
      await admin.disconnect();
    },
    send: wholeSendRetries(sendOnce, options.retry, kafkajsRetriable),
    async leaderlessPartitions(topic) {
      adminConnected ??= admin.connect().catch((error: unknown) => {
        adminConnected = undefined;
        throw error;
      });
      await adminConnected;
      const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
      return (topics[0]?.partitions ?? []).filter((p) => p.leader < 0).length;
    },
  };
}
