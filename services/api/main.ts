// The API process: `node dist/services/api/main.js` (or `npm run api`), configured by environment variables
// (see settings.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createEventProducer } from '../shared/kafka/event-producers.js';
import { connectInBackground } from '../shared/runtime/connect.js';
import { createPool } from '../shared/runtime/database.js';
import { onTerminationSignal } from '../shared/runtime/shutdown.js';
import { buildApi } from './app.js';
import { registerAuthentication } from './auth.js';
import { KeyRegistry, PostgresKeyStore } from './key-registry.js';
import { createApiMetrics } from './metrics.js';
import { EventPublisher } from './publisher.js';
import { PollingReadiness, databaseProbe, kafkaProbe } from './readiness.js';
import { readApiSettings } from './settings.js';
import { API_SETTINGS } from './settings-contract.js';

// Inside the produce timeout: the client gets its 503 in time, and the send carries on meanwhile.
const SEND_RETRY = { retries: 5, initialRetryTime: 100, maxRetryTime: 1000 };
const KAFKA_CONNECTION_TIMEOUT_MS = 3000;

const logger = pino({ name: 'api', level: process.env.LOG_LEVEL ?? API_SETTINGS.LOG_LEVEL.default });

async function main(): Promise<void> {
  const settings = readApiSettings();
  // Not the idempotent producer: after a failed send kafkajs's sequence numbers can make the broker report a later
  // batch as a duplicate, acknowledged but never written, or wedge on OUT_OF_ORDER_SEQUENCE_NUMBER. Duplicates from
  // retries carry the same event ids and the worker's dedup absorbs them; a lost acknowledged event it could not.
  // Several produce requests in flight: a retry may reorder events of requests that were in flight together, never
  // the events of one request, nor a request sent after another was answered (docs/services.md, "Ordering").
  // Each failed send is retried as a whole new call (send-retry.ts says why: a retry inside one call can drop messages).
  const producer = createEventProducer(
    settings.kafkaClient,
    {
      clientId: 'events-api',
      brokers: settings.kafkaBrokers,
      maxInFlightRequests: settings.maxInFlightProduces,
      retry: SEND_RETRY,
      connectionTimeoutMs: KAFKA_CONNECTION_TIMEOUT_MS,
      requestTimeoutMs: 10_000,
    },
    logger,
  );
  const pool = createPool(settings.database, logger);
  const metrics = createApiMetrics();
  const publisher = new EventPublisher(producer, settings, metrics, (error) =>
    logger.warn({ err: error }, 'produce failed'),
  );
  // Claim flushes at once (one by default), each on a pooled connection, never more than the pool has.
  const keys = new KeyRegistry(
    new PostgresKeyStore(pool),
    1000,
    Math.min(settings.keyClaimFlushes, settings.database.poolSize),
  );
  // The Kafka probe may first wait out a connection attempt to a bootstrap broker that does not answer before it
  // asks another (@platformatic/kafka tries them in order): its limit covers one such attempt and a request.
  const readiness = new PollingReadiness(
    { kafka: kafkaProbe(producer, settings.topic), database: databaseProbe(pool) },
    2000,
    1500,
    { kafka: KAFKA_CONNECTION_TIMEOUT_MS + 1500 },
  );
  let shuttingDown = false;

  const app = buildApi({ settings, publisher, keys, readiness, metrics, logger, shuttingDown: () => shuttingDown });
  connectInBackground(
    'kafka producer',
    () => producer.connect(),
    logger,
    () => readiness.start(),
  );
  registerAuthentication(app, settings.authTokensFile, logger);
  await app.listen({ host: settings.host, port: settings.port });

  // Within the pod's grace period: first out of the load balancer (readiness false, keep serving while it drains),
  // then no new requests, the ones in flight finish and what was accepted is flushed to Kafka.
  onTerminationSignal(logger, settings.shutdownDrainMs + settings.shutdownTimeoutMs, async (signal) => {
    shuttingDown = true;
    logger.info({ signal, drainMs: settings.shutdownDrainMs }, 'shutting down: not ready, draining');
    await sleep(settings.shutdownDrainMs);
    readiness.stop();
    await app.close();
    await publisher.close();
    await producer.disconnect();
    await pool.end();
  });
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'api failed to start');
  process.exit(1);
});
