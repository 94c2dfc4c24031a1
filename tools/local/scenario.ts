import { randomBytes } from 'node:crypto';
import type { Admin } from 'kafkajs';
import pg from 'pg';
import { migrate } from '../../services/db/migrate.js';
import { ensureTopics } from '../../services/shared/kafka/topics.js';

/** An isolated run on the shared local stack: its own topics, consumer group and database. */
export interface Scenario {
  readonly name: string;
  readonly topic: string;
  readonly deadLetterTopic: string;
  readonly consumerGroup: string;
  readonly partitions: number;
  readonly databaseUrl: string;
  readonly database: string;
}

function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates the topics, a fresh database (migrated) and a group name for one run, so runs never see each other's data.
 * `label` must be a short lowercase word; a random suffix keeps repeated runs apart.
 */
export async function createScenario(
  admin: Admin,
  adminDatabaseUrl: string,
  label: string,
  partitions: number,
): Promise<Scenario> {
  const name = `${label}-${randomBytes(4).toString('hex')}`;
  const database = name.replaceAll('-', '_');
  const scenario: Scenario = {
    name,
    topic: `${name}.events`,
    deadLetterTopic: `${name}.events.dlq`,
    consumerGroup: `${name}.worker`,
    partitions,
    database,
    databaseUrl: withDatabase(adminDatabaseUrl, database),
  };
  await ensureTopics(admin, [
    { name: scenario.topic, partitions },
    { name: scenario.deadLetterTopic, partitions: 1 },
  ]);
  const adminClient = new pg.Client({ connectionString: adminDatabaseUrl });
  await adminClient.connect();
  try {
    await adminClient.query(`CREATE DATABASE "${database}"`);
  } finally {
    await adminClient.end();
  }
  const client = new pg.Client({ connectionString: scenario.databaseUrl });
  await client.connect();
  try {
    await migrate(client);
  } finally {
    await client.end();
  }
  return scenario;
}

/** Removes what createScenario made. */
export async function dropScenario(admin: Admin, adminDatabaseUrl: string, scenario: Scenario): Promise<void> {
  await admin.deleteTopics({ topics: [scenario.topic, scenario.deadLetterTopic] }).catch(() => undefined);
  await admin.deleteGroups([scenario.consumerGroup]).catch(() => undefined);
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${scenario.database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
