// The retention job the image runs on a schedule (`node dist/services/db/prune-cli.js`): deletes dedup records and
// idempotency keys past their windows (see retention.ts for why the windows are what they are).
import pg from 'pg';
import { databaseClientConfig } from '../shared/runtime/database-connection.js';
import { EnvReader } from '../shared/runtime/env-reader.js';
import { pruneExpired, readRetentionSettings } from './retention.js';
import { RETENTION_SETTINGS } from './settings-contract.js';

async function main(): Promise<void> {
  const read = new EnvReader(process.env, RETENTION_SETTINGS);
  const settings = read.done(readRetentionSettings(read));
  const client = new pg.Client(databaseClientConfig());
  await client.connect();
  try {
    const removed = await pruneExpired(client, settings);
    console.log(
      JSON.stringify({
        msg: 'pruned',
        ...removed,
        dedupHours: settings.dedupHours,
        keyHours: settings.idempotencyKeyHours,
      }),
    );
  } finally {
    await client.end();
  }
}

main().catch((error: unknown) => {
  console.error(`prune: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
