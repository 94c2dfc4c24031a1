// The platform's bootstrap (`node dist/services/bootstrap/main.js`), run by Argo CD as a PreSync hook before every sync
// of the workloads: migrates the database, then creates or verifies the topics. Any failure exits 1, which fails the
// sync before a workload changes. Both steps are idempotent: a second run changes nothing.
import pg from 'pg';
import { pino } from 'pino';
import { migrate } from '../db/migrate.js';
import { createKafka } from '../shared/kafka/client.js';
import { databaseClientConfig } from '../shared/runtime/database-connection.js';
import { readBootstrapSettings } from './settings.js';
import { bootstrapTopics } from './topics.js';

const logger = pino({ name: 'bootstrap' });

async function migrateDatabase(): Promise<void> {
  // DATABASE_URL, or the PG* variables (the pod's settings and the credentials Secret).
  const client = new pg.Client(databaseClientConfig());
  await client.connect();
  try {
    const applied = await migrate(client);
    logger.info({ applied }, applied.length === 0 ? 'database is up to date' : 'migrations applied');
  } finally {
    await client.end();
  }
}

async function createOrVerifyTopics(): Promise<boolean> {
  const { topics: desired, kafkaBrokers } = readBootstrapSettings();
  const admin = createKafka('events-bootstrap', kafkaBrokers, logger).admin();
  await admin.connect();
  try {
    const plan = await bootstrapTopics(admin, desired);
    for (const mismatch of plan.mismatches) logger.error(mismatch);
    if (plan.mismatches.length > 0) return false;
    logger.info({ created: plan.create.map((t) => t.name) }, 'topics ready');
    return true;
  } finally {
    await admin.disconnect();
  }
}

async function main(): Promise<number> {
  await migrateDatabase();
  return (await createOrVerifyTopics()) ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    logger.fatal({ err: error }, 'bootstrap failed');
    process.exit(1);
  },
);
