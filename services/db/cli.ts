// `npm run db:migrate`: applies pending migrations, idempotently. Targets DATABASE_URL, else the PG* variables,
// else the local stack's database (`npm run stack:up`).
import pg from 'pg';
import { connectionSettings } from '../../tools/stack/settings.js';
import { loadStackSettings } from '../../tools/stack/stack.js';
import { migrate } from './migrate.js';

function target(): { config: pg.ClientConfig; description: string } {
  if (process.env.DATABASE_URL)
    return { config: { connectionString: process.env.DATABASE_URL }, description: 'DATABASE_URL' };
  if (process.env.PGHOST) return { config: {}, description: `PGHOST=${process.env.PGHOST}` };
  const url = connectionSettings(loadStackSettings()).databaseUrl;
  return { config: { connectionString: url }, description: 'the local stack' };
}

async function main(): Promise<void> {
  const { config, description } = target();
  const client = new pg.Client(config);
  await client.connect();
  try {
    const applied = await migrate(client);
    console.log(`${description}: ${applied.length === 0 ? 'database is up to date' : `applied ${applied.join(', ')}`}`);
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(`db:migrate: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
