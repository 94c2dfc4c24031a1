import type pg from 'pg';
import type { LedgerEffect } from './ledger-verdict.js';

type Queryable = Pick<pg.ClientBase, 'query'>;

/**
 * The effects of the given events, found through the ledger's event_id index: the drill knows every id it sent
 * (acknowledged or not), and its accounts receive nothing else, so this is all of its slice of the ledger.
 */
export async function effectsOf(db: Queryable, eventIds: readonly string[]): Promise<LedgerEffect[]> {
  const { rows } = await db.query<{ event_id: string; account_id: string; amount: string }>(
    'SELECT event_id::text, account_id, amount::text FROM ledger_entries WHERE event_id = ANY($1::uuid[])',
    [eventIds],
  );
  return rows.map((r) => ({ eventId: r.event_id, accountId: r.account_id, amount: BigInt(r.amount) }));
}

/** The stored balances of the given accounts (by primary key). */
export async function balancesOf(db: Queryable, accountIds: readonly string[]): Promise<Map<string, bigint>> {
  const { rows } = await db.query<{ account_id: string; balance: string }>(
    'SELECT account_id, balance::text FROM account_balances WHERE account_id = ANY($1::text[])',
    [accountIds],
  );
  return new Map(rows.map((r) => [r.account_id, BigInt(r.balance)]));
}
