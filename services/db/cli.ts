// `npm run db:migrate`: applies pending migrations to DATABASE_URL (or the PG* variables), idempotently.
import pg from 'pg';
import { migrate } from './migrate.js';

async function main(): Promise<void> {
  const client = new pg.Client(process.env.DATABASE_URL ? { connectionString: process.env.DATABASE_URL } : {});
  await client.connect();
  try {
    const applied = await migrate(client);
    console.log(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
