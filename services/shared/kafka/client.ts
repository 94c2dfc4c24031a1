import type { KafkaConfig, logCreator } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import type { Logger } from 'pino';
import { kafkaSecurity } from './security.js';
import { stopIdleRequestQueueTimers } from './request-queue-timer.js';
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
