import type { KafkaConfig, ProducerRecord, RecordMetadata, logCreator } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { keyHashPartitioner } from './partitioner.js';
import { kafkaSecurity } from './security.js';
import { stopIdleRequestQueueTimers } from './request-queue-timer.js';
import type { SendRetry } from './send-retry.js';
import { wholeSendRetries } from './send-retry.js';
import { noDelaySocketFactory } from './socket.js';

const LEVELS: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

/** Routes kafkajs's own logs through the service's JSON logger. */
function pinoLogCreator(logger: Logger): logCreator {
  return () =>
    ({ level, log }) => {
      const { message, ...extra } = log;
      logger[LEVELS[level] ?? 'info']({ kafkajs: extra }, message);
    };
}

export function createKafka(
  clientId: string,
  brokers: string[],
  logger: Logger,
  overrides: Partial<KafkaConfig> = {},
): Kafka {
  stopIdleRequestQueueTimers();
  return new Kafka({
    clientId,
    brokers,
    logLevel: logLevel.WARN,
    logCreator: pinoLogCreator(logger),
    socketFactory: noDelaySocketFactory,
    ...kafkaSecurity(),
    ...overrides,
  });
}

/** What the services need of a producer; the Kafka client behind it stays in services/shared/kafka. */
export interface EventProducer {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  send(record: ProducerRecord): Promise<RecordMetadata[]>;
}

/**
 * A producer whose every send is retried whole (wholeSendRetries); kafkajs's own retries inside a call are off. Keyed
 * messages are partitioned as kafkajs's DefaultPartitioner does, with a cheaper hash (partitioner.ts).
 */
export function createProducer(
  kafka: Kafka,
  options: { maxInFlightRequests: number; retry: SendRetry },
): EventProducer {
  const producer = kafka.producer({
    maxInFlightRequests: options.maxInFlightRequests,
    allowAutoTopicCreation: false,
    createPartitioner: keyHashPartitioner,
    retry: { retries: 0 },
  });
  return {
    connect: () => producer.connect(),
    disconnect: () => producer.disconnect(),
    send: wholeSendRetries((record) => producer.send(record), options.retry),
  };
}
