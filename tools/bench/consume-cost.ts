// `npm run bench:consume-cost` (after `npm run stack:up`): the CPU each Kafka client spends to consume one event, with
// nothing done to it. It fills a topic of its own with the events the drain consumes, then reads it to the end with
// kafkajs (eachBatch, as the worker does) and with @platformatic/kafka (its message stream), each in a consumer group
// of its own: one round each to warm both up (not reported), then rounds alternated. It reports this process's CPU
// (user + system) per message. What it leaves out: the broker's CPU, the pods' heap bounds, and the garbage collection
// a batch costs while the worker holds it during its transactions (here each message is dropped at once).
import { randomBytes } from 'node:crypto';
import { Consumer as PlatformaticConsumer } from '@platformatic/kafka';
import { pino } from 'pino';
import { createKafka } from '../../services/shared/kafka/client.js';
import { kafkaAnswers } from '../stack/kafka.js';
import { connectionSettings } from '../stack/settings.js';
import { loadStackSettings } from '../stack/stack.js';
import { prefill } from './worker-drain.js';

const EVENTS = 600_000;
const PARTITIONS = 4;
const ROUNDS = 4;
// The worker's fetch size (kafkajs's default of 1 MiB per partition, which the worker keeps), so both clients do the
// same work per request. The wait only matters at the topic's end, where each round stops anyway.
const MAX_BYTES_PER_PARTITION = 1024 * 1024;
const MAX_WAIT_MS = 1000;

const stack = loadStackSettings();
if (!(await kafkaAnswers(stack)))
  throw new Error("the local stack's Kafka does not answer: start it with npm run stack:up");
const brokers = connectionSettings(stack).kafkaBrokers;
// The prefill's producer partitions as the API does (murmur2); kafkajs's notice of a changed default says nothing here.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
const logger = pino({ level: 'warn' });
const kafka = createKafka('consume-cost', brokers, logger);
const topic = `bench.consume-cost.${randomBytes(4).toString('hex')}`;
const groups: string[] = [];

function newGroup(client: string): string {
  const group = `${topic}.${client}.${groups.length}`;
  groups.push(group);
  return group;
}

/** This process's CPU per message while `consume` read `expected` messages, and the wall time it took. */
async function cpuPerMessage(
  consume: (expected: number) => Promise<number>,
  expected: number,
): Promise<{ microseconds: number; seconds: number }> {
  const wall = process.hrtime.bigint();
  const before = process.cpuUsage();
  const messages = await consume(expected);
  const used = process.cpuUsage(before);
  if (messages !== expected) throw new Error(`consumed ${messages} of the topic's ${expected} messages`);
  return {
    microseconds: (used.user + used.system) / messages,
    seconds: Number(process.hrtime.bigint() - wall) / 1e9,
  };
}

async function withKafkajs(expected: number): Promise<number> {
  const consumer = kafka.consumer({
    groupId: newGroup('kafkajs'),
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    maxWaitTimeInMs: MAX_WAIT_MS,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  try {
    await new Promise<void>((resolve, reject) => {
      consumer.on(consumer.events.CRASH, (event) => reject(event.payload.error));
      consumer
        .run({
          autoCommit: false,
          eachBatchAutoResolve: false,
          eachBatch: async (payload) => {
            const { batch } = payload;
            count += batch.messages.length;
            // The worker resolves each batch it applied; without it kafkajs fetches the same offsets again.
            payload.resolveOffset(batch.lastOffset());
            if (count >= expected) resolve();
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect();
  }
  return count;
}

async function withPlatformatic(expected: number): Promise<number> {
  const consumer = new PlatformaticConsumer({
    clientId: 'consume-cost',
    bootstrapBrokers: brokers,
    groupId: newGroup('platformatic'),
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    maxWaitTime: MAX_WAIT_MS,
  });
  let count = 0;
  try {
    const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
    await new Promise<void>((resolve, reject) => {
      stream.on('error', reject);
      stream.on('data', () => {
        count += 1;
        if (count === expected) resolve();
      });
    });
    await stream.close();
  } finally {
    await consumer.close();
  }
  return count;
}

const admin = kafka.admin();
await admin.connect();
try {
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  await prefill(kafka, topic, { runId: 'consumecost', accounts: 1000, eventsPerRequest: 1 }, EVENTS);
  // What the topic holds, not what was sent: a produce the prefill repeated after a timeout may have landed twice.
  const offsets = await admin.fetchTopicOffsets(topic);
  const expected = offsets.reduce((n, p) => n + Number(p.high) - Number(p.low), 0);
  const clients = [
    ['kafkajs', withKafkajs],
    ['@platformatic/kafka', withPlatformatic],
  ] as const;
  console.log(
    `Node ${process.versions.node}, ${expected} events on ${PARTITIONS} partitions, CPU of this process only`,
  );
  for (const [, consume] of clients) await cpuPerMessage(consume, expected);
  for (let round = 1; round <= ROUNDS; round += 1)
    // Alternated, and each round in the other order, so neither client always runs after the other's garbage.
    for (const [name, consume] of round % 2 === 1 ? clients : [...clients].reverse()) {
      const { microseconds, seconds } = await cpuPerMessage(consume, expected);
      console.log(
        `  round ${round} ${name.padEnd(20)} ${microseconds.toFixed(2)} µs CPU per message (${seconds.toFixed(1)} s)`,
      );
    }
} finally {
  await admin.deleteGroups(groups).catch(() => undefined);
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}
