// The worker's init container (`node dist/services/bootstrap/schema-ready.js`): waits until every migration this image
// carries is applied, so the worker never starts on an unmigrated schema (the PreSync hook applies them).
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import { readMigrations } from '../db/migrate.js';
import { databaseClientConfig } from '../shared/runtime/database-connection.js';
import { readSchemaReadySettings } from './settings.js';

/** The migrations of this image that the database has not applied yet. */
export async function pendingMigrations(client: pg.ClientBase, expected = readMigrations()): Promise<string[]> {
  const table = await client.query<{ exists: boolean }>(
    "SELECT to_regclass('schema_migrations') IS NOT NULL AS exists",
  );
  if (!table.rows[0]?.exists) return expected.map((m) => m.version);
  const { rows } = await client.query<{ version: string }>('SELECT version FROM schema_migrations');
  const applied = new Set(rows.map((r) => r.version));
  return expected.map((m) => m.version).filter((v) => !applied.has(v));
}

async function main(): Promise<void> {
  const deadline = Date.now() + readSchemaReadySettings().waitSeconds * 1000;
  for (;;) {
    const client = new pg.Client(databaseClientConfig());
    try {
      await client.connect();
      const pending = await pendingMigrations(client);
      if (pending.length === 0) return console.log('schema is migrated');
      console.log(`waiting for migrations: ${pending.join(', ')}`);
    } catch (error) {
      console.log(`waiting for the database: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    if (Date.now() > deadline)
      throw new Error('the schema was not migrated in time; is the PreSync migration failing?');
    await sleep(5000);
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error: unknown) => {
    console.error(`schema-ready: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  });
}
