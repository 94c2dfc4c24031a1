import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { migrate, readMigrations } from '../../services/db/migrate.js';

const stack = inject('stack');

describe('migrate', () => {
  const database = `migrate_test_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: stack.databaseUrl });
  let url: string;

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`CREATE DATABASE ${database}`);
    const parsed = new URL(stack.databaseUrl);
    parsed.pathname = `/${database}`;
    url = parsed.toString();
  });
  afterAll(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  });

  const withClient = async <T>(work: (c: pg.Client) => Promise<T>): Promise<T> => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      return await work(client);
    } finally {
      await client.end();
    }
  };

  it('applies every migration once, and nothing on a second run', async () => {
    const versions = readMigrations().map((m) => m.version);
    expect(await withClient((c) => migrate(c))).toStrictEqual(versions);
    expect(await withClient((c) => migrate(c))).toStrictEqual([]);
    const tables = await withClient((c) =>
      c.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"),
    );
    expect(tables.rows.map((r) => r.t)).toStrictEqual([
      'account_balances',
      'idempotency_keys',
      'ledger_entries',
      'processed_events',
      'schema_migrations',
    ]);
  });

  it('is safe when several replicas migrate an empty database at the same time: one applies, the others wait', async () => {
    const fresh = `${database}_race`;
    await admin.query(`CREATE DATABASE ${fresh}`);
    const parsed = new URL(stack.databaseUrl);
    parsed.pathname = `/${fresh}`;
    try {
      const results = await Promise.all(
        [1, 2, 3].map(async () => {
          const client = new pg.Client({ connectionString: parsed.toString() });
          await client.connect();
          try {
            return await migrate(client);
          } finally {
            await client.end();
          }
        }),
      );
      const versions = readMigrations().map((m) => m.version);
      expect(results.map((r) => r.length).sort()).toStrictEqual([0, 0, versions.length]);
      expect(results.find((r) => r.length > 0)).toStrictEqual(versions);
    } finally {
      await admin.query(`DROP DATABASE IF EXISTS ${fresh} WITH (FORCE)`);
    }
  });

  it('refuses to run when an applied migration was edited', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'migrations-'));
    for (const m of readMigrations()) fs.writeFileSync(path.join(dir, `${m.version}.sql`), `${m.sql}\n-- edited\n`);
    await expect(withClient((c) => migrate(c, readMigrations(dir)))).rejects.toThrow(
      /applied migration\(s\) changed since: 0001_ledger/,
    );
  });
});
