import type { Producer, ProducerRecord } from 'kafkajs';
import { Kafka } from 'kafkajs';
import { pino } from 'pino';
import { describe, expect, it, vi } from 'vitest';
import { OFFLINE_PRODUCER_OPTIONS } from './testing.js';
import { createKafkajsProducer } from './kafkajs-producer.js';

describe('createKafkajsProducer', () => {
  it('asks for acks=all on every send, the whole send retried by the project, not by kafkajs', async () => {
    const sends: ProducerRecord[] = [];
    const configs: unknown[] = [];
    vi.spyOn(Kafka.prototype, 'producer').mockImplementation((config) => {
      configs.push(config);
      return {
        send: async (record: ProducerRecord) => {
          sends.push(record);
          return [];
        },
        disconnect: async () => undefined,
      } as unknown as Producer;
    });
    const producer = createKafkajsProducer(OFFLINE_PRODUCER_OPTIONS, pino({ level: 'silent' }));
    try {
      await producer.send('t', [{ key: 'k', value: 'v' }]);
      expect(sends).toStrictEqual([{ topic: 't', acks: -1, messages: [{ key: 'k', value: 'v' }] }]);
      expect(configs).toMatchObject([{ retry: { retries: 0 }, allowAutoTopicCreation: false }]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
