import type pg from 'pg';
import { balanceDelta } from '../shared/contract/event.js';
import { inTransaction } from '../shared/runtime/database.js';
import type { ValidEvent } from './messages.js';
import { firstOccurrences } from './messages.js';
import { arrayLiteral } from './pg-array.js';

export interface ApplyResult {
  /** Events whose effect this call applied. */
  readonly applied: number;
  /** Events skipped because the same event (same id, same body) was applied before or repeats within the call. */
  readonly duplicates: number;
  /** Events not applied because their id was applied before with another body: they go to the dead-letter topic. */
  readonly conflicts: ValidEvent[];
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

// Last statement before COMMIT: clock_timestamp() here is within the commit's fsync of the commit time, whereas now()
// would be the transaction's start.
const INSERT_ENTRIES = `
  INSERT INTO ledger_entries (event_id, account_id, amount, occurred_at, accepted_at, applied_at)
  SELECT e.*, clock_timestamp() FROM unnest($1::uuid[], $2::text[], $3::bigint[], $4::timestamptz[], $5::timestamptz[]) AS e`;

/**
 * The exactly-once apply of a chunk as one statement, after its `input` (one row per event): record the ids (a
 * conflict means "seen before") and apply the effect of only the newly recorded ones, atomically. The balances are
 * upserted once per account, in account order, after every id is recorded (the GROUP BY needs all of them), so
 * concurrent chunks lock rows in one order. clock_timestamp() is read as the entries are written, within the commit's
 * fsync of the commit time. It returns the ids that were recorded before, not the ones it recorded: on a backlog that
 * is no row at all, where one row per applied event was the client's largest cost in reading the answer
 * (`npm run bench -- --only worker --cpu-profile`). The benchmark's pgbench script runs this same text on synthetic
 * input.
 */
export const APPLY_FROM_INPUT = `
  recorded AS (
    INSERT INTO processed_events (event_id, topic, kafka_partition, kafka_offset, body_hash)
    SELECT event_id, topic, kafka_partition, kafka_offset, body_hash FROM input
    ON CONFLICT (event_id) DO NOTHING
    RETURNING event_id
  ), fresh AS (
    SELECT input.* FROM input JOIN recorded USING (event_id)
  ), balances AS (
    INSERT INTO account_balances (account_id, balance)
    SELECT account_id, sum(amount)::bigint FROM fresh GROUP BY account_id ORDER BY account_id
    ON CONFLICT (account_id) DO UPDATE SET balance = account_balances.balance + EXCLUDED.balance, updated_at = now()
  ), entries AS (
    INSERT INTO ledger_entries (event_id, account_id, amount, occurred_at, accepted_at, applied_at)
    SELECT event_id, account_id, amount, occurred_at, accepted_at, clock_timestamp() FROM fresh
  )
  SELECT event_id::text FROM input WHERE NOT EXISTS (SELECT 1 FROM recorded WHERE recorded.event_id = input.event_id)`;

const APPLY_EXACTLY_ONCE = `
  WITH input AS (
    SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[], $4::bigint[], $5::text[], $6::text[], $7::bigint[],
                         $8::timestamptz[], $9::timestamptz[])
      AS e(event_id, topic, kafka_partition, kafka_offset, body_hash, account_id, amount, occurred_at, accepted_at)
  ), ${APPLY_FROM_INPUT}`;

/**
 * The parameters of APPLY_EXACTLY_ONCE for a chunk, one column per parameter: array literals written here
 * (pg-array.ts), not arrays node-postgres would escape. Pure.
 */
export function applyParameters(unique: readonly ValidEvent[]): string[] {
  return [
    arrayLiteral(unique.map((e) => e.event.id)),
    arrayLiteral(unique.map((e) => e.source.topic)),
    arrayLiteral(unique.map((e) => e.source.partition)),
    arrayLiteral(unique.map((e) => e.source.offset)),
    arrayLiteral(unique.map((e) => e.bodyHash)),
    arrayLiteral(unique.map((e) => e.event.accountId)),
    arrayLiteral(unique.map((e) => balanceDelta(e.event))),
    arrayLiteral(unique.map((e) => e.event.occurredAt)),
    arrayLiteral(unique.map((e) => e.event.acceptedAt)),
  ];
}

async function writeEffects(client: pg.ClientBase, events: readonly ValidEvent[]): Promise<void> {
  if (events.length === 0) return;
  const { accounts, deltas } = balanceChanges(events);
  await client.query(UPSERT_BALANCES, [accounts, deltas]);
  await client.query(INSERT_ENTRIES, [
    events.map((e) => e.event.id),
    events.map((e) => e.event.accountId),
    events.map((e) => balanceDelta(e.event)),
    events.map((e) => e.event.occurredAt),
    events.map((e) => e.event.acceptedAt ?? null),
  ]);
}

/** Splits events whose id was recorded before into the same event again (duplicate) and another body (conflict). */
async function compareWithRecorded(
  client: pg.Pool | pg.ClientBase,
  events: readonly ValidEvent[],
): Promise<{ duplicates: number; conflicts: ValidEvent[] }> {
  if (events.length === 0) return { duplicates: 0, conflicts: [] };
  const { rows } = await client.query<{ event_id: string; body_hash: string }>(
    'SELECT event_id::text, body_hash FROM processed_events WHERE event_id = ANY($1::uuid[])',
    [events.map((e) => e.event.id)],
  );
  const recorded = new Map(rows.map((r) => [r.event_id, r.body_hash]));
  const conflicts = events.filter((e) => recorded.get(e.event.id) !== e.bodyHash);
  return { duplicates: events.length - conflicts.length, conflicts };
}

/** The ledger in PostgreSQL: the business effect of events, applied exactly once or (for the demo) naively. */
export class LedgerStore {
  constructor(private readonly pool: pg.Pool) {}

  /**
   * One transaction: record the event ids with their body hashes (unique; a conflict means "seen before") and apply
   * the effect of only the newly recorded ones. Either both happen or neither, so a crash at any point cannot apply an
   * event twice. A concurrent transaction inserting the same id (a stale consumer after a rebalance) waits on the
   * unique index and then finds the row, so it is compared like any redelivery.
   */
  async applyExactlyOnce(events: readonly ValidEvent[]): Promise<ApplyResult> {
    const { unique, repeats, conflicts: repeatedWithOtherBody } = firstOccurrences(events);
    if (unique.length === 0) return { applied: 0, duplicates: repeats, conflicts: repeatedWithOtherBody };
    // One statement, so one round trip and its own transaction: a worker's batch cycle is round trips, and each one
    // delays every event that lands meanwhile (docs/performance.md, "Accept → applied: where the waits are").
    const { rows: recordedBefore } = await this.pool.query<{ event_id: string }>(
      APPLY_EXACTLY_ONCE,
      applyParameters(unique),
    );
    if (recordedBefore.length === 0)
      return { applied: unique.length, duplicates: repeats, conflicts: repeatedWithOtherBody };
    const before = new Set(recordedBefore.map((r) => r.event_id));
    // Read after the statement committed, in a snapshot of its own: an id a concurrent transaction was inserting
    // (a stale consumer after a rebalance) is visible here once the unique index let this statement pass it.
    const seen = await compareWithRecorded(
      this.pool,
      unique.filter((e) => before.has(e.event.id)),
    );
    return {
      applied: unique.length - before.size,
      duplicates: repeats + seen.duplicates,
      conflicts: [...repeatedWithOtherBody, ...seen.conflicts],
    };
  }

  /** The naive version: apply the effect, no record of what was applied. Redelivery applies it again. */
  async applyNaively(event: ValidEvent): Promise<void> {
    await inTransaction(this.pool, (client) => writeEffects(client, [event]));
  }
}
