import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate } from '../../services/db/migrate.js';
import { pruneExpired, pruneIfFirst } from '../../services/db/retention.js';
import { classifyMessages } from '../../services/worker/messages.js';
import { LedgerStore } from '../../services/worker/ledger-store.js';
import { eventMessage, id } from '../../services/worker/testing.js';
import { createPool } from '../../services/shared/runtime/database.js';

const stack = inject('stack');
const database = `retention_${randomBytes(4).toString('hex')}`;
const settings = { idempotencyKeyHours: 24, topicRetentionHours: 168, dedupHours: 216, batchSize: 2 };

describe('retention of dedup records and idempotency keys', () => {
  let admin: pg.Client;
  let pool: pg.Pool;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: stack.databaseUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const url = new URL(stack.databaseUrl);
    url.pathname = `/${database}`;
    pool = createPool(
      {
        url: url.toString(),
        poolSize: 2,
        statementTimeoutMs: 5000,
        lockTimeoutMs: 2000,
        idleInTransactionTimeoutMs: 10_000,
        connectTimeoutMs: 3000,
        queryTimeoutMs: 7000,
        keepAliveInitialDelayMs: 10_000,
        ssl: false,
      },
      pino({ level: 'silent' }),
    );
    const client = await pool.connect();
    await migrate(client);
    client.release();
  });
  afterAll(async () => {
    await pool.end();
    await admin.query(`DROP DATABASE ${database} WITH (FORCE)`);
    await admin.end();
  });

  it('deletes only what is past its window, and an id inside the window is still refused afterwards', async () => {
    const store = new LedgerStore(pool);
    const events = classifyMessages([1, 2, 3, 4, 5].map((n) => eventMessage(n, id(n)))).valid;
    expect((await store.applyExactlyOnce(events)).applied).toBe(5);
    // Ids 1-3 were processed 10 days ago (past 216 h), ids 4-5 eight days ago (inside it).
    await pool.query(
      `UPDATE processed_events SET processed_at = now() - interval '10 days' WHERE event_id = ANY($1::uuid[])`,
      [[id(1), id(2), id(3)]],
    );
    await pool.query(
      `UPDATE processed_events SET processed_at = now() - interval '8 days' WHERE event_id = ANY($1::uuid[])`,
      [[id(4), id(5)]],
    );
    await pool.query(
      `INSERT INTO idempotency_keys (caller, idempotency_key, request_hash, event_ids, accepted_at, created_at)
       VALUES ('a', 'old', 'h', ARRAY[$1]::uuid[], now(), now() - interval '2 days'),
              ('a', 'new', 'h', ARRAY[$1]::uuid[], now(), now() - interval '1 hour')`,
      [id(9)],
    );

    const client = await pool.connect();
    try {
      expect(await pruneExpired(client, settings)).toStrictEqual({ processedEvents: 3, idempotencyKeys: 1 });
    } finally {
      client.release();
    }

    // Replicas take turns: while one holds the lock, another's round is skipped.
    const first = await pool.connect();
    const second = await pool.connect();
    try {
      await first.query('SELECT pg_advisory_lock(4242002)');
      expect(await pruneIfFirst(second, settings)).toBeUndefined();
      await first.query('SELECT pg_advisory_unlock(4242002)');
      expect(await pruneIfFirst(second, settings)).toStrictEqual({ processedEvents: 0, idempotencyKeys: 0 });
    } finally {
      first.release();
      second.release();
    }

    const redelivered = await store.applyExactlyOnce(events.slice(3));
    expect(redelivered).toMatchObject({ applied: 0, duplicates: 2, conflicts: [] });
    const { rows } = await pool.query<{ idempotency_key: string }>('SELECT idempotency_key FROM idempotency_keys');
    expect(rows.map((r) => r.idempotency_key)).toStrictEqual(['new']);
  });
});
