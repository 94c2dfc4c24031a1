// The migration entry point the image runs (`node dist/services/db/cli.js`): applies pending migrations,
// idempotently, to DATABASE_URL or, when it is absent, to the database the PG* variables name.
import pg from 'pg';
import { databaseClientConfig } from '../shared/runtime/database-connection.js';
import { migrate } from './migrate.js';

/** Which database the PG settings name, for the log line; refuses to guess when none is named. */
function described(): string {
  if (process.env.DATABASE_URL) return 'DATABASE_URL';
  if (process.env.PGHOST) return `PGHOST=${process.env.PGHOST}`;
  throw new Error('set DATABASE_URL (or PGHOST and the other PG* variables) to the database to migrate');
}

async function main(): Promise<void> {
  const description = described();
  const client = new pg.Client(databaseClientConfig());
  await client.connect();
  try {
    const applied = await migrate(client);
    console.log(`${description}: ${applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`}`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(`migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
