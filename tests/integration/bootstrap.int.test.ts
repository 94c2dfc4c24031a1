// The PreSync bootstrap against the local stack: topics created, then verified, then a mismatched topic refused;
// the worker's schema check before and after migrations.
import { randomBytes } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../services/db/migrate.js';
import { pendingMigrations } from '../../services/bootstrap/schema-ready.js';
import { bootstrapTopics } from '../../services/bootstrap/topics.js';
import type { DesiredTopic } from '../../services/bootstrap/topic-plan.js';

const stack = inject('stack');

describe('the PreSync bootstrap on the local stack', () => {
  const kafka = new Kafka({ clientId: 'bootstrap-test', brokers: stack.kafkaBrokers, logLevel: logLevel.NOTHING });
  const suffix = randomBytes(4).toString('hex');
  const topic: DesiredTopic = {
    name: `bootstrap-${suffix}.events`,
    partitions: 3,
    replicationFactor: 1,
    minInsyncReplicas: 1,
    retentionMs: 604_800_000,
  };
  let admin: Admin;
  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
  });
  afterAll(async () => {
    await admin.deleteTopics({ topics: [topic.name] }).catch(() => undefined);
    await admin.disconnect();
  });

  it('creates a missing topic with its settings, then verifies it unchanged', async () => {
    expect((await bootstrapTopics(admin, [topic])).create.map((t) => t.name)).toStrictEqual([topic.name]);
    expect(await bootstrapTopics(admin, [topic])).toStrictEqual({ create: [], mismatches: [] });
  });

  it('refuses an existing topic whose partitions differ, and changes nothing', async () => {
    const plan = await bootstrapTopics(admin, [{ ...topic, partitions: 6 }]);
    expect(plan.mismatches).toStrictEqual([
      `topic ${topic.name}: partitions is 3 on the brokers but env.yaml declares 6 (add partitions deliberately: it remaps keys to partitions)`,
    ]);
    const { topics } = await admin.fetchTopicMetadata({ topics: [topic.name] });
    expect(topics[0]!.partitions).toHaveLength(3);
  });

  it('reports pending migrations until they are applied (twice, idempotently)', async () => {
    const database = `bootstrap_${suffix}`;
    const adminDb = new pg.Client({ connectionString: stack.databaseUrl });
    await adminDb.connect();
    await adminDb.query(`CREATE DATABASE "${database}"`);
    const url = new URL(stack.databaseUrl);
    url.pathname = `/${database}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      expect((await pendingMigrations(client)).length).toBeGreaterThan(0);
      await migrate(client);
      expect(await migrate(client)).toStrictEqual([]);
      expect(await pendingMigrations(client)).toStrictEqual([]);
    } finally {
      await client.end();
      await adminDb.query(`DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`);
      await adminDb.end();
    }
  });
});
