import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { APPLY_FROM_INPUT } from '../../services/worker/ledger-store.js';
import { postgresPaths } from '../stack/postgres.js';
import type { StackSettings } from '../stack/settings.js';

const run = promisify(execFile);

/**
 * The worker's statement for one chunk (services/worker/ledger-store.ts: the same text after its input) as a pgbench
 * script: the dedup records (with a 64-hex body hash; the ids recorded before are returned to the client: none), the
 * balance upserts of the chunk's accounts, the ledger entries stamped with clock_timestamp(). Each client owns its
 * accounts, as each partition owns its accounts in the worker. The input rows are made by the server
 * (generate_series) instead of sent as arrays, so this is the database's ceiling for the same writes.
 */
export const WORKER_TRANSACTION = `WITH input AS (
  SELECT gen_random_uuid() AS event_id, 'pgbench'::text AS topic, :client_id AS kafka_partition, g::bigint AS kafka_offset,
         encode(sha256(g::text::bytea), 'hex') AS body_hash,
         'synthetic.pgbench.' || :client_id || '.' || (g % :accounts) AS account_id, g::bigint AS amount,
         now() AS occurred_at, now() AS accepted_at
  FROM generate_series(1, :chunk) g
), ${APPLY_FROM_INPUT.trim()};
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
