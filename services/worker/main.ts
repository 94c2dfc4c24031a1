// The worker process: `node dist/services/worker/main.js` (or `npm run worker`), configured by environment variables (see settings.ts).
import { pino } from 'pino';
import { createKafka } from '../shared/kafka/client.js';
import { createPool } from '../shared/runtime/database.js';
import { onTerminationSignal } from '../shared/runtime/shutdown.js';
import { createWorkerRuntime } from './consumer.js';
import { startHealthServer } from './health-server.js';
import { letOldGenerationGrow } from './heap-growth.js';
import { LedgerStore } from './ledger-store.js';
import { createWorkerMetrics } from './metrics.js';
import { RetentionTimer } from './retention-timer.js';
import { readWorkerSettings } from './settings.js';
import { WORKER_SETTINGS } from './settings-contract.js';

const logger = pino({ name: 'worker', level: process.env.LOG_LEVEL ?? WORKER_SETTINGS.LOG_LEVEL.default });

async function main(): Promise<void> {
  letOldGenerationGrow();
  const settings = readWorkerSettings();
  const pool = createPool(settings.database, logger);
  const metrics = createWorkerMetrics();
  const kafka = createKafka(`events-worker-${process.pid}`, settings.kafkaBrokers, logger);
  const runtime = createWorkerRuntime(kafka, new LedgerStore(pool), settings, metrics, logger);
  const server = await startHealthServer(settings.metricsPort, metrics.registry, runtime);
  const retention = new RetentionTimer(pool, settings.retention, settings.pruneIntervalMs, logger);
  logger.info({ mode: settings.mode, group: settings.consumerGroup, topic: settings.topic }, 'worker starting');

  // Installed before start(), which may wait for the broker: a SIGTERM meanwhile still stops the process cleanly.
  // Past the deadline the process exits anyway: uncommitted work is redelivered and (in `after` mode) deduplicated.
  onTerminationSignal(logger, settings.shutdownTimeoutMs, async (signal) => {
    logger.info({ signal }, 'shutting down: finishing or abandoning the batch in flight, leaving the group');
    retention.stop();
    await runtime.stop();
    await pool.end();
    server.close();
  });
  retention.start();
  await runtime.start();
}

main().catch((error: unknown) => {
  logger.fatal({ err: error }, 'worker failed');
  process.exit(1);
});
