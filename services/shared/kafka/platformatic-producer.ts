import type { GenericError } from '@platformatic/kafka';
import { Producer, ProduceAcks, stringSerializers } from '@platformatic/kafka';
import type { EventProducer, EventProducerOptions, OutgoingMessage } from './event-producer.js';
import { keyHash } from './murmur2.js';
import { platformaticSecurity, readKafkaAuth } from './security.js';
import { wholeSendRetries } from './send-retry.js';

/** A failure no repeat can fix: an input the client refuses, or a broker error the client marks final. */
function finalFailure(error: GenericError): boolean {
  if (error.code === 'PLT_KFK_USER') return true;
  return error.code === 'PLT_KFK_PROTOCOL' && (error as { canRetry?: boolean }).canRetry === false;
}

/**
 * Whether a failed send is worth repeating. The client nests its errors: one per broker of the send, one per
 * partition of a broker's answer (`errors`), and a connection's failure wraps what caused it (`cause`): a token the
 * broker refused arrives as a network error caused by an authentication error caused by the broker's
 * SASL_AUTHENTICATION_FAILED, which is final; a token provider that threw is not (the next attempt asks it again).
 * Any final error makes the whole send final.
 */
export function platformaticRetriable(error: unknown): boolean {
  const pending: unknown[] = [error];
  while (pending.length > 0) {
    const next = pending.pop() as (GenericError & { errors?: unknown[]; cause?: unknown }) | undefined;
    if (next === undefined || next === null || typeof next !== 'object') continue;
    if (finalFailure(next)) return false;
    if (Array.isArray(next.errors)) pending.push(...next.errors);
    if (next.cause !== undefined) pending.push(next.cause);
  }
  return true;
}

/**
 * A producer on @platformatic/kafka, the same contract as kafkajs-producer.ts: acks=all, the client's own retries off
 * and every failed send repeated whole (send-retry.ts), keyed messages on murmur2(key) mod partitions exactly as the
 * Java client and kafkajs put them, hashed in 32-bit integers (murmur2.ts) rather than by the client's BigInt
 * `compatibilityPartitioner`; its default partitioner takes the hash unsigned and would move every account elsewhere.
 */
export function createPlatformaticProducer(options: EventProducerOptions): EventProducer {
  const producer = new Producer<string, string, string, string>({
    clientId: options.clientId,
    bootstrapBrokers: [...options.brokers],
    serializers: stringSerializers,
    // The client takes the result modulo the topic's partitions; a message without a key (none here) goes to 0.
    partitioner: (_message, key) => (Buffer.isBuffer(key) ? keyHash(key) : 0),
    idempotent: false,
    autocreateTopics: false,
    retries: 0,
    maxInflights: options.maxInFlightRequests,
    connectTimeout: options.connectionTimeoutMs,
    requestTimeout: options.requestTimeoutMs,
    timeout: options.requestTimeoutMs,
    ...platformaticSecurity(options.auth ?? readKafkaAuth()),
  });
  const sendOnce = async (topic: string, messages: readonly OutgoingMessage[]): Promise<void> => {
    // acks on each send: the client reads it from the send's options only, and a non-idempotent producer's sends
    // default to acks=1 whatever the constructor was given (producer.js, send). With acks=1 a leader that dies before
    // its followers copied the batch takes acknowledged events with it: the three-broker fault tests lost 1 of 600
    // on a leader SIGKILL and 6 of 600 in a rolling restart that way.
    await producer.send({
      acks: ProduceAcks.ALL,
      messages: messages.map((m) => ({ topic, key: m.key, value: m.value })),
    });
  };
  return {
    // One metadata request through any bootstrap broker, as kafkajs's connect needs one seed broker: connecting to
    // every broker first (connectToBrokers) would keep a new pod unready while any one of them is down.
    connect: async () => {
      await producer.metadata({ topics: [], forceUpdate: true });
    },
    disconnect: () => producer.close(),
    send: wholeSendRetries(sendOnce, options.retry, platformaticRetriable),
    async leaderlessPartitions(topic) {
      const metadata = await producer.metadata({ topics: [topic], forceUpdate: true });
      const found = metadata.topics.get(topic);
      if (!found) throw new Error(`the brokers do not know the topic ${topic}`);
      return found.partitions.filter((p) => p.leader < 0).length;
    },
  };
}
