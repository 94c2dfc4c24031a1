import { randomBytes } from 'node:crypto';
import type { Admin } from 'kafkajs';
import pg from 'pg';
import { migrate } from '../../services/db/migrate.js';
import { ensureTopics } from '../../services/shared/kafka/topics.js';
import type { DeclaredDurability } from './topic-durability.js';

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

export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/**
 * Creates the topics, a fresh database (migrated) and a group name for one run, so runs never see each other's data.
 * `label` must be a short lowercase word; a random suffix keeps repeated runs apart. `durability`: the topics'
 * replication and min ISR (an environment's, see topic-durability.ts); unset, the brokers' defaults.
 */
export async function createScenario(
  admin: Admin,
  adminDatabaseUrl: string,
  label: string,
  partitions: number,
  durability?: DeclaredDurability,
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
    { name: scenario.topic, partitions, durability: durability?.events },
    { name: scenario.deadLetterTopic, partitions: 1, durability: durability?.deadLetters },
  ]);
  await createMigratedDatabase(adminDatabaseUrl, database);
  return scenario;
}

/** A new database on the stack's server with the schema migrated; returns its URL. */
export async function createMigratedDatabase(adminDatabaseUrl: string, database: string): Promise<string> {
  const adminClient = new pg.Client({ connectionString: adminDatabaseUrl });
  await adminClient.connect();
  try {
    await adminClient.query(`CREATE DATABASE "${database}"`);
  } finally {
    await adminClient.end();
  }
  const url = withDatabase(adminDatabaseUrl, database);
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await migrate(client);
  } finally {
    await client.end();
  }
  return url;
}

export async function dropDatabase(adminDatabaseUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: adminDatabaseUrl });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}

/** Removes what createScenario made. */
export async function dropScenario(admin: Admin, adminDatabaseUrl: string, scenario: Scenario): Promise<void> {
  await admin.deleteTopics({ topics: [scenario.topic, scenario.deadLetterTopic] }).catch(() => undefined);
  await admin.deleteGroups([scenario.consumerGroup]).catch(() => undefined);
  await dropDatabase(adminDatabaseUrl, scenario.database);
}
