// Both Kafka clients the API can produce with (API_KAFKA_CLIENT), against the local stack's broker: what the
// publisher relies on, checked the same way for each (docs/tradeoffs.md, "The Kafka client").
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { EventProducerOptions, OutgoingMessage } from '../../services/shared/kafka/event-producer.js';
import type { KafkaClientName } from '../../services/shared/kafka/event-producers.js';
import { createEventProducer } from '../../services/shared/kafka/event-producers.js';
import { freePort } from '../../tools/local/ports.js';

const stack = inject('stack');
const logger = pino({ level: 'silent' });
const PARTITIONS = 6;
const retry = { retries: 3, initialRetryTime: 100, maxRetryTime: 400 };

function options(brokers: string[]): EventProducerOptions {
  return {
    clientId: 'event-producers-test',
    brokers,
    maxInFlightRequests: 8,
    retry,
    connectionTimeoutMs: 1000,
    requestTimeoutMs: 5000,
  };
}

// kafkajs's own port of the Java client's murmur2 (64-bit Long arithmetic), not the adapters' murmur2.ts it checks.
const javaMurmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: Buffer | string,
) => number;

/** The partition the Java client puts a key on. */
const javaPartition = (key: string) => (javaMurmur2(Buffer.from(key)) & 0x7fffffff) % PARTITIONS;

describe.each<KafkaClientName>(['kafkajs', 'platformatic'])('the %s event producer', (client) => {
  const kafka = new Kafka({
    clientId: 'event-producers-test',
    brokers: stack.kafkaBrokers,
    logLevel: logLevel.NOTHING,
  });
  const topic = `event-producers-${client}-${randomBytes(4).toString('hex')}`;
  let admin: Admin;
  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('writes every message of a resolved send, each key on the partition the Java client picks', async () => {
    const producer = createEventProducer(client, options(stack.kafkaBrokers), logger);
    await producer.connect();
    const messages: OutgoingMessage[] = Array.from({ length: 600 }, (_, i) => ({
      key: `acct-${i % 97}`,
      value: JSON.stringify({ n: i }),
    }));
    // Several sends at once, as the publisher has them in flight.
    await Promise.all([0, 1, 2].map((k) => producer.send(topic, messages.slice(k * 200, (k + 1) * 200))));
    await producer.disconnect();

    const expected = new Map<number, number>();
    for (const m of messages) expected.set(javaPartition(m.key), (expected.get(javaPartition(m.key)) ?? 0) + 1);
    const offsets = await admin.fetchTopicOffsets(topic);
    const written = new Map(offsets.map((o) => [o.partition, Number(o.high)]));
    for (let p = 0; p < PARTITIONS; p += 1) expect(written.get(p) ?? 0, `partition ${p}`).toBe(expected.get(p) ?? 0);
  });

  it('answers readiness through its own client: no partition without a leader, and an error for an unknown topic', async () => {
    const producer = createEventProducer(client, options(stack.kafkaBrokers), logger);
    try {
      await producer.connect();
      expect(await producer.leaderlessPartitions(topic)).toBe(0);
      await expect(producer.leaderlessPartitions(`${topic}-missing`)).rejects.toBeDefined();
    } finally {
      await producer.disconnect();
    }
  });

  it('rejects a send while no broker answers, after its whole-send retries, within seconds', async () => {
    // freePort() closes the port it found: nothing listens there.
    const producer = createEventProducer(client, options([`127.0.0.1:${await freePort()}`]), logger);
    const started = Date.now();
    await expect(producer.send(topic, [{ key: 'k', value: 'v' }])).rejects.toBeDefined();
    await expect(producer.leaderlessPartitions(topic)).rejects.toBeDefined();
    // Three retries waiting 100 + 200 + 400 ms, each attempt refused at once by the closed port.
    expect(Date.now() - started).toBeLessThan(10_000);
    await producer.disconnect().catch(() => undefined);
  });
});
