import type pg from 'pg';
import { balanceDelta } from '../shared/contract/event.js';
import type { ValidEvent } from './messages.js';
import { firstOccurrences } from './messages.js';

export interface ApplyResult {
  /** Events whose effect this call applied. */
  readonly applied: number;
  /** Events skipped because their id was applied before (a redelivery) or repeated within the call. */
  readonly duplicates: number;
}

/** Account totals of a set of events, sorted by account so concurrent transactions lock rows in one order. */
function balanceChanges(events: readonly ValidEvent[]): { accounts: string[]; deltas: string[] } {
  const totals = new Map<string, bigint>();
  for (const { event } of events)
    totals.set(event.accountId, (totals.get(event.accountId) ?? 0n) + BigInt(balanceDelta(event)));
  const accounts = [...totals.keys()].sort();
  return { accounts, deltas: accounts.map((a) => totals.get(a)!.toString()) };
}

const UPSERT_BALANCES = `
  INSERT INTO account_balances (account_id, balance)
  SELECT * FROM unnest($1::text[], $2::bigint[])
  ON CONFLICT (account_id) DO UPDATE SET balance = account_balances.balance + EXCLUDED.balance, updated_at = now()`;

const INSERT_ENTRIES = `
  INSERT INTO ledger_entries (event_id, account_id, amount, occurred_at)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::timestamptz[])`;

async function writeEffects(client: pg.ClientBase, events: readonly ValidEvent[]): Promise<void> {
  if (events.length === 0) return;
  await client.query(INSERT_ENTRIES, [
    events.map((e) => e.event.id),
    events.map((e) => e.event.accountId),
    events.map((e) => balanceDelta(e.event)),
    events.map((e) => e.event.occurredAt),
  ]);
  const { accounts, deltas } = balanceChanges(events);
  await client.query(UPSERT_BALANCES, [accounts, deltas]);
}

async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    client.release();
  }
}

/** The ledger in PostgreSQL: the business effect of events, applied exactly once or (for the demo) naively. */
export class LedgerStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * One transaction: record the event ids (unique; a conflict means "already applied") and apply the effect of only
   * the newly recorded ones. Either both happen or neither, so a crash at any point cannot apply an event twice.
   * A concurrent transaction inserting the same id (a stale consumer after a rebalance) waits on the unique index
   * and then skips it.
   */
  async applyExactlyOnce(events: readonly ValidEvent[]): Promise<ApplyResult> {
    const { unique, repeats } = firstOccurrences(events);
    if (unique.length === 0) return { applied: 0, duplicates: repeats };
    return inTransaction(this.pool, async (client) => {
      const recorded = await client.query<{ event_id: string }>(
        `INSERT INTO processed_events (event_id, topic, kafka_partition, kafka_offset)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[])
         ON CONFLICT (event_id) DO NOTHING
         RETURNING event_id`,
        [
          unique.map((e) => e.event.id),
          unique.map((e) => e.source.topic),
          unique.map((e) => e.source.partition),
          unique.map((e) => e.source.offset),
        ],
      );
      const fresh = new Set(recorded.rows.map((r) => r.event_id));
      const toApply = unique.filter((e) => fresh.has(e.event.id));
      await writeEffects(client, toApply);
      return { applied: toApply.length, duplicates: repeats + unique.length - toApply.length };
    });
  }

  /** The naive version: apply the effect, no record of what was applied. Redelivery applies it again. */
  async applyNaively(event: ValidEvent): Promise<void> {
    await inTransaction(this.pool, (client) => writeEffects(client, [event]));
  }
}
