import { randomUUID } from 'node:crypto';
import { Kafka, Partitioners, logLevel } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';

const stack = inject('stack');

describe('the local Kafka broker', () => {
  const kafka = new Kafka({ clientId: 'stack-test', brokers: stack.kafkaBrokers, logLevel: logLevel.WARN });
  const admin = kafka.admin();
  const topic = `stack-test-${randomUUID()}`;
  const groupId = `stack-test-group-${randomUUID()}`;

  beforeAll(async () => {
    await admin.connect();
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('answers admin calls: creates a topic with partitions and lists it', async () => {
    expect(
      await admin.createTopics({ topics: [{ topic, numPartitions: 3, replicationFactor: 1 }], waitForLeaders: true }),
    ).toBe(true);
    expect(await admin.listTopics()).toContain(topic);
    const [metadata] = (await admin.fetchTopicMetadata({ topics: [topic] })).topics;
    expect(metadata?.partitions).toHaveLength(3);
  });

  it('delivers a produced message to a consumer group and keeps the committed offset', async () => {
    const producer = kafka.producer({
      idempotent: true,
      maxInFlightRequests: 1,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    await producer.send({ topic, acks: -1, messages: [{ key: 'account-1', value: 'credit 10' }] });
    await producer.disconnect();

    const consumer = kafka.consumer({ groupId });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const received = await new Promise<{ key: string; value: string; partition: number; offset: string }>(
      (resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no message within 30 s')), 30_000);
        void consumer.run({
          autoCommit: false,
          eachMessage: async ({ message, partition, topic: from }) => {
            await consumer.commitOffsets([{ topic: from, partition, offset: String(Number(message.offset) + 1) }]);
            clearTimeout(timer);
            resolve({
              key: message.key?.toString() ?? '',
              value: message.value?.toString() ?? '',
              partition,
              offset: message.offset,
            });
          },
        });
      },
    );
    await consumer.disconnect();

    expect(received).toMatchObject({ key: 'account-1', value: 'credit 10' });
    const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
    const partition = committed[0]?.partitions.find((p) => p.partition === received.partition);
    expect(partition?.offset).toBe(String(Number(received.offset) + 1));
  });
});

describe('the local PostgreSQL server', () => {
  const client = new pg.Client({ connectionString: stack.databaseUrl });
  const table = `stack_test_${randomUUID().replaceAll('-', '')}`;

  beforeAll(async () => {
    await client.connect();
  });
  afterAll(async () => {
    await client.query(`DROP TABLE IF EXISTS ${table}`);
    await client.end();
  });

  it('creates a table, inserts rows and selects them back', async () => {
    await client.query(`CREATE TABLE ${table} (id text PRIMARY KEY, amount bigint NOT NULL)`);
    await client.query(`INSERT INTO ${table} (id, amount) VALUES ($1, $2), ($3, $4)`, ['a', 10, 'b', -3]);
    const { rows } = await client.query<{ total: string }>(`SELECT sum(amount)::text AS total FROM ${table}`);
    expect(rows).toStrictEqual([{ total: '7' }]);
  });
});
