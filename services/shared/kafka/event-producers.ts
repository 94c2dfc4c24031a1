import type { Logger } from 'pino';
import type { EventProducer, EventProducerOptions } from './event-producer.js';
import { createKafkajsProducer } from './kafkajs-producer.js';
import { createPlatformaticProducer } from './platformatic-producer.js';

/** The Kafka clients a producer can be made with (the API's API_KAFKA_CLIENT; docs/tradeoffs.md, "The Kafka client"). */
export type KafkaClientName = 'kafkajs' | 'platformatic';

export function createEventProducer(
  client: KafkaClientName,
  options: EventProducerOptions,
  logger: Logger,
): EventProducer {
  return client === 'platformatic' ? createPlatformaticProducer(options) : createKafkajsProducer(options, logger);
}
