// `npm run bench:consume-cost` (after `npm run stack:up`): the CPU each Kafka client spends to consume one event, with
// nothing done to it: the share of the worker's CPU per event a change of its consumer's client could move. It fills a
// topic of its own with the events the drain consumes, then reads it to the end with kafkajs (eachBatch, as the worker
// does) and with @platformatic/kafka (its message stream), alternated, each in a consumer group of its own, and
// reports this process's CPU (user + system) per message. The broker's CPU is not in it.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Consumer as PlatformaticConsumer } from '@platformatic/kafka';
import { pino } from 'pino';
import { createKafka } from '../../services/shared/kafka/client.js';
import { repoRoot } from '../stack/settings.js';
import { prefill } from './worker-drain.js';

const EVENTS = 600_000;
const PARTITIONS = 4;
const ROUNDS = 4;
// The worker's fetch bounds (kafkajs's defaults, which the worker keeps): the same per-request work for both.
const MAX_BYTES_PER_PARTITION = 1024 * 1024;
const MAX_WAIT_MS = 100;

function stackBrokers(): string[] {
  const file = path.join(process.env.STACK_DIR ?? path.join(repoRoot, '.stack'), 'connection.json');
  if (!fs.existsSync(file)) throw new Error(`no local stack (${file} is missing): start it with npm run stack:up`);
  return (JSON.parse(fs.readFileSync(file, 'utf8')) as { kafkaBrokers: string[] }).kafkaBrokers;
}

const brokers = process.env.KAFKA_BROKERS?.split(',') ?? stackBrokers();
// The prefill's kafkajs producer partitions as the API does (murmur2); its notice about a changed default says nothing here.
process.env.KAFKAJS_NO_PARTITIONER_WARNING ??= '1';
const logger = pino({ level: 'warn' });
const kafka = createKafka('consume-cost', brokers, logger);
const topic = `bench.consume-cost.${randomBytes(4).toString('hex')}`;

/** CPU seconds this process spent while `consume` ran, per message it reported. */
async function cpuPerMessage(consume: () => Promise<number>): Promise<{ microseconds: number; seconds: number }> {
  const wall = process.hrtime.bigint();
  const before = process.cpuUsage();
  const messages = await consume();
  const used = process.cpuUsage(before);
  if (messages !== EVENTS) throw new Error(`consumed ${messages} of ${EVENTS} messages`);
  return {
    microseconds: (used.user + used.system) / messages,
    seconds: Number(process.hrtime.bigint() - wall) / 1e9,
  };
}

async function withKafkajs(): Promise<number> {
  const consumer = kafka.consumer({
    groupId: `${topic}.kafkajs.${randomBytes(3).toString('hex')}`,
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    maxWaitTimeInMs: MAX_WAIT_MS,
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  let count = 0;
  await new Promise<void>((resolve) => {
    void consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      eachBatch: async (payload) => {
        const { batch } = payload;
        count += batch.messages.length;
        // The worker resolves each batch it applied; without it kafkajs fetches the same offsets again.
        payload.resolveOffset(batch.lastOffset());
        if (count >= EVENTS) resolve();
      },
    });
  });
  await consumer.disconnect();
  return count;
}

async function withPlatformatic(): Promise<number> {
  const consumer = new PlatformaticConsumer({
    clientId: 'consume-cost',
    bootstrapBrokers: brokers,
    groupId: `${topic}.platformatic.${randomBytes(3).toString('hex')}`,
    maxBytesPerPartition: MAX_BYTES_PER_PARTITION,
    maxWaitTime: MAX_WAIT_MS,
  });
  const stream = await consumer.consume({ topics: [topic], mode: 'earliest', autocommit: false });
  let count = 0;
  await new Promise<void>((resolve, reject) => {
    stream.on('error', reject);
    stream.on('data', () => {
      count += 1;
      if (count === EVENTS) resolve();
    });
  });
  await stream.close();
  await consumer.close();
  return count;
}

const admin = kafka.admin();
await admin.connect();
try {
  await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
  await prefill(kafka, topic, { runId: 'consumecost', accounts: 1000, eventsPerRequest: 1 }, EVENTS);
  console.log(`Node ${process.versions.node}, ${EVENTS} events on ${PARTITIONS} partitions, CPU of this process only`);
  for (let round = 1; round <= ROUNDS; round += 1)
    for (const [name, consume] of [
      ['kafkajs', withKafkajs],
      ['@platformatic/kafka', withPlatformatic],
    ] as const) {
      const { microseconds, seconds } = await cpuPerMessage(consume);
      console.log(
        `  round ${round} ${name.padEnd(20)} ${microseconds.toFixed(2)} µs CPU per message (${seconds.toFixed(1)} s)`,
      );
    }
} finally {
  await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  await admin.disconnect();
}
