// A produce micro-benchmark (acks=all) of kafkajs, the services' client, against @platformatic/kafka, the candidate
// (docs/tradeoffs.md, "The Kafka client"): both in one process against the local stack's broker, alternated, reporting
// the client's own CPU per message, the figure that carries across machines. The candidate is not a dependency:
//   npm install --no-save @platformatic/kafka && node tools/bench/kafka-clients.mjs [host:port]
import { performance } from 'node:perf_hooks';
import { Producer, stringSerializers } from '@platformatic/kafka';
import { Kafka, logLevel } from 'kafkajs';

const broker = process.argv[2] ?? `127.0.0.1:${process.env.STACK_KAFKA_PORT ?? 19092}`;
const topic = `produce-bench-${Date.now()}`;
const at = new Date().toISOString();
// About the API's event as it lands on the topic: 300 bytes of JSON.
const value = (i) =>
  JSON.stringify({
    id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    accountId: `acct-${i % 1000}`,
    type: 'credit',
    amount: 1234,
    currency: 'EUR',
    occurredAt: at,
    acceptedAt: at,
  }).padEnd(300, ' ');

/** `total` messages in sends of `perSend`, `concurrency` sends at a time: messages/s and client CPU µs per message. */
async function closedLoop(send, total, perSend, concurrency) {
  let next = 0;
  const cpu = process.cpuUsage();
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const first = next;
        next += perSend;
        await send(
          Array.from({ length: perSend }, (_, k) => ({ key: `acct-${(first + k) % 1000}`, value: value(first + k) })),
        );
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  return { perSec: Math.round(total / seconds), cpuUsPerMessage: ((used.user + used.system) / total).toFixed(1) };
}

const kafka = new Kafka({ clientId: 'kafka-clients-bench', brokers: [broker], logLevel: logLevel.NOTHING });
const admin = kafka.admin();
await admin.connect();
await admin.createTopics({ topics: [{ topic, numPartitions: 4 }] });
// Both as the API runs kafkajs: 8 requests in flight, no idempotent producer (services/api/main.ts says why).
const kafkajs = kafka.producer({ maxInFlightRequests: 8, allowAutoTopicCreation: false });
await kafkajs.connect();
const platformatic = new Producer({
  clientId: 'kafka-clients-bench',
  bootstrapBrokers: [broker],
  serializers: stringSerializers,
  acks: -1,
  idempotent: false,
  autocreateTopics: false,
});
const clients = {
  kafkajs: (messages) => kafkajs.send({ topic, acks: -1, messages }),
  '@platformatic/kafka': (messages) => platformatic.send({ messages: messages.map((m) => ({ ...m, topic })) }),
};
try {
  for (const send of Object.values(clients)) await send([{ key: 'warm-up', value: 'x' }]);
  for (const round of [1, 2])
    for (const [name, send] of Object.entries(clients)) {
      const one = await closedLoop(send, 20_000, 1, 64);
      const hundred = await closedLoop(send, 200_000, 100, 8);
      console.log(
        `round ${round} ${name}: 1 message per send, 64 at a time: ${one.perSec}/s, ${one.cpuUsPerMessage} µs CPU/message; ` +
          `100 per send, 8 at a time: ${hundred.perSec}/s, ${hundred.cpuUsPerMessage} µs CPU/message`,
      );
    }
} finally {
  await kafkajs.disconnect();
  await platformatic.close();
  await admin.deleteTopics({ topics: [topic] });
  await admin.disconnect();
}
