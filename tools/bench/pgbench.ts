import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { postgresPaths } from '../stack/postgres.js';
import type { StackSettings } from '../stack/settings.js';

const run = promisify(execFile);

/**
 * The worker's transaction for one chunk (services/worker/ledger-store.ts) as a pgbench script: the dedup records
 * (with a 64-hex body hash, returned to the client), the balance upserts of the chunk's accounts, the ledger entries
 * stamped with clock_timestamp(). Each client owns its accounts, as each partition owns its accounts in the worker.
 * The rows are made by the server (generate_series), so this is the database's ceiling for the same writes.
 */
export const WORKER_TRANSACTION = `BEGIN;
INSERT INTO processed_events (event_id, topic, kafka_partition, kafka_offset, body_hash)
  SELECT gen_random_uuid(), 'pgbench', :client_id, g, encode(sha256(g::text::bytea), 'hex')
  FROM generate_series(1, :chunk) g
  ON CONFLICT (event_id) DO NOTHING RETURNING event_id;
INSERT INTO account_balances (account_id, balance)
  SELECT 'synthetic.pgbench.' || :client_id || '.' || g, 1 FROM generate_series(1, :accounts) g
  ON CONFLICT (account_id) DO UPDATE SET balance = account_balances.balance + EXCLUDED.balance, updated_at = now();
INSERT INTO ledger_entries (event_id, account_id, amount, occurred_at, accepted_at, applied_at)
  SELECT gen_random_uuid(), 'synthetic.pgbench.' || :client_id || '.' || (g % :accounts), g, now(), now(), clock_timestamp()
  FROM generate_series(1, :chunk) g;
COMMIT;
`;

export interface PgbenchResult {
  readonly transactionsPerSec: number;
  readonly eventsPerSec: number;
}

/** Reads pgbench's `tps = N (without initial connection time)`. */
export function parseTps(output: string): number {
  const match = /tps = ([\d.]+) \(without initial connection time\)/.exec(output);
  if (!match) throw new Error(`pgbench printed no tps:\n${output.slice(-2000)}`);
  return Number(match[1]);
}

export async function runPgbench(
  stack: StackSettings,
  databaseUrl: string,
  options: { clients: number; chunk: number; accountsPerChunk: number; seconds: number },
): Promise<PgbenchResult> {
  const script = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'pgbench-')), 'worker-transaction.sql');
  fs.writeFileSync(script, WORKER_TRANSACTION);
  const { stdout } = await run(path.join(postgresPaths(stack).bin, 'pgbench'), [
    '--no-vacuum',
    '--file',
    script,
    '--client',
    String(options.clients),
    '--jobs',
    String(options.clients),
    '--time',
    String(options.seconds),
    '--define',
    `chunk=${options.chunk}`,
    '--define',
    `accounts=${options.accountsPerChunk}`,
    databaseUrl,
  ]);
  const tps = parseTps(stdout);
  return { transactionsPerSec: tps, eventsPerSec: tps * options.chunk };
}
