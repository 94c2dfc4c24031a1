import pg from 'pg';
import { ANONYMOUS_CALLER } from '../services/api/caller.js';
import { balanceDelta } from '../services/shared/contract/event.js';
import { eventId } from '../services/shared/contract/event-id.js';
import type { TrafficShape } from './events.js';
import { SYNTHETIC_ACCOUNT_PREFIX, idempotencyKey, syntheticEvent } from './events.js';
import { LEDGER_FATE } from './generator/outcome.js';
import type { LedgerCounts } from './thresholds.js';

export interface LoadLedgerVerdict extends LedgerCounts {
  /** Events answered 2xx: each must be in the ledger exactly once. */
  readonly required: number;
  readonly applied: number;
  /** Events whose answer was lost or said "may still be applied", found applied (allowed, once). */
  readonly optionalApplied: number;
  /** Entries whose account or amount is not what the event said. */
  readonly wrongEffects: number;
  /** Accounts of the run whose balance is not the sum of their ledger entries. */
  readonly balanceMismatches: number;
}

const CHUNK = 20_000;

/**
 * Compares the ledger with what each request of a run was answered: every event of a 2xx applied exactly once with its
 * own account and amount, events of ambiguous answers applied at most once, nothing else applied, and every balance of
 * the run's accounts the sum of its entries. The expected ids are recomputed from the idempotency keys the way the API
 * derives them, so a run of millions of events keeps one byte per request in memory.
 */
export async function checkLoadLedger(
  databaseUrl: string,
  shape: TrafficShape,
  fates: Uint8Array,
): Promise<LoadLedgerVerdict> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(
      'CREATE TEMP TABLE expected (event_id uuid PRIMARY KEY, fate smallint NOT NULL, account_id text NOT NULL, amount bigint NOT NULL)',
    );
    let rows: { ids: string[]; fates: number[]; accounts: string[]; amounts: number[] } = {
      ids: [],
      fates: [],
      accounts: [],
      amounts: [],
    };
    const flush = async (): Promise<void> => {
      if (rows.ids.length === 0) return;
      await client.query(
        'INSERT INTO expected SELECT * FROM unnest($1::uuid[], $2::smallint[], $3::text[], $4::bigint[])',
        [rows.ids, rows.fates, rows.accounts, rows.amounts],
      );
      rows = { ids: [], fates: [], accounts: [], amounts: [] };
    };
    for (let n = 0; n < fates.length; n += 1) {
      const key = idempotencyKey(shape.runId, n);
      for (let index = 0; index < shape.eventsPerRequest; index += 1) {
        const event = syntheticEvent(shape, n * shape.eventsPerRequest + index);
        rows.ids.push(eventId(ANONYMOUS_CALLER, key, index));
        rows.fates.push(fates[n]!);
        rows.accounts.push(event.accountId);
        rows.amounts.push(balanceDelta(event));
      }
      if (rows.ids.length >= CHUNK) await flush();
    }
    await flush();
    await client.query('ANALYZE expected');

    const accounts = `${SYNTHETIC_ACCOUNT_PREFIX}${shape.runId}.%`;
    const { rows: counts } = await client.query<Record<string, string>>(
      `WITH applied AS (
         SELECT event_id, count(*) AS n, min(account_id) AS account_id, min(amount) AS amount, max(amount) AS max_amount
         FROM ledger_entries WHERE account_id LIKE $1 GROUP BY event_id)
       SELECT
         count(*) FILTER (WHERE e.fate = ${LEDGER_FATE.required}) AS required,
         count(*) FILTER (WHERE e.fate = ${LEDGER_FATE.required} AND a.n IS NOT NULL) AS applied,
         count(*) FILTER (WHERE e.fate = ${LEDGER_FATE.required} AND a.n IS NULL) AS lost,
         count(*) FILTER (WHERE e.fate = ${LEDGER_FATE.optional} AND a.n IS NOT NULL) AS optional_applied,
         (SELECT count(*) FROM applied WHERE n > 1) AS duplicated,
         (SELECT count(*) FROM applied a2 LEFT JOIN expected e2 USING (event_id)
            WHERE e2.event_id IS NULL OR e2.fate = ${LEDGER_FATE.none}) AS unexpected,
         count(*) FILTER (WHERE a.n IS NOT NULL
           AND (a.account_id <> e.account_id OR a.amount <> e.amount OR a.max_amount <> e.amount)) AS wrong_effects
       FROM expected e LEFT JOIN applied a USING (event_id)`,
      [accounts],
    );
    const { rows: mismatches } = await client.query<{ n: string }>(
      `SELECT count(*) AS n
       FROM (SELECT account_id, balance FROM account_balances WHERE account_id LIKE $1) b
       FULL JOIN (SELECT account_id, sum(amount) AS total FROM ledger_entries WHERE account_id LIKE $1 GROUP BY account_id) l
         USING (account_id)
       WHERE coalesce(b.balance, 0) <> coalesce(l.total, 0)`,
      [accounts],
    );
    const c = counts[0]!;
    return {
      required: Number(c.required),
      applied: Number(c.applied),
      lost: Number(c.lost),
      optionalApplied: Number(c.optional_applied),
      duplicated: Number(c.duplicated),
      unexpected: Number(c.unexpected),
      wrongEffects: Number(c.wrong_effects),
      balanceMismatches: Number(mismatches[0]!.n),
    };
  } finally {
    await client.end();
  }
}
