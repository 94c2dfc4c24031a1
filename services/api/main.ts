// The API process: `tsx services/api/main.ts`, configured by environment variables (see settings.ts).
import { pino } from 'pino';
import { createKafka } from '../shared/kafka/client.js';
import { buildApi } from './app.js';
import { createApiMetrics } from './metrics.js';
import { EventPublisher } from './publisher.js';
import { KafkaReadiness } from './readiness.js';
import { readApiSettings } from './settings.js';
import { connectInBackground } from '../shared/runtime/connect.js';
import { onTerminationSignal } from '../shared/runtime/shutdown.js';

const SHUTDOWN_DEADLINE_MS = 25_000;

const logger = pino({ name: 'api', level: process.env.LOG_LEVEL ?? 'info' });

async function main(): Promise<void> {
  const settings = readApiSettings();
  const kafka = createKafka('events-api', settings.kafkaBrokers, logger, {
    // Fail fast: the client is waiting; it gets 503 + Retry-After instead of a request that hangs.
    retry: { retries: 2, initialRetryTime: 100, maxRetryTime: 1000 },
    connectionTimeout: 3000,
    requestTimeout: 10_000,
  });
  // Idempotent producer: broker-side dedup of internal retries; acks=all is set per send.
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  const admin = kafka.admin();
  const metrics = createApiMetrics();
  const publisher = new EventPublisher(producer, settings, metrics);
  const readiness = new KafkaReadiness(admin, settings.topic);
  let shuttingDown = false;

  const app = buildApi({ settings, publisher, readiness, metrics, logger, shuttingDown: () => shuttingDown });
  connectInBackground('kafka producer', () => producer.connect(), logger);
  connectInBackground(
    'kafka admin',
    () => admin.connect(),
    logger,
    () => readiness.start(),
  );
  await app.listen({ host: settings.host, port: settings.port });

  // Within the pod's 30 s grace period: requests in flight finish, accepted events are flushed to Kafka.
  onTerminationSignal(logger, SHUTDOWN_DEADLINE_MS, async (signal) => {
    shuttingDown = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing the ones in flight');
    readiness.stop();
    await app.close();
    await publisher.close();
    await producer.disconnect();
    await admin.disconnect();
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'api failed to start');
  process.exit(1);
});
