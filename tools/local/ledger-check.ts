import pg from 'pg';
import { balanceDelta } from '../../services/shared/contract/event.js';
import type { LedgerEvent } from '../../services/shared/contract/event.js';

export interface LedgerVerdict {
  /** Events the API acknowledged (2xx). */
  readonly accepted: number;
  /** Accepted events with at least one effect in the ledger. */
  readonly applied: number;
  /** Effects beyond the first for an event: money that should not be there. */
  readonly duplicatedEffects: number;
  /** Events whose effect appears more than once. */
  readonly duplicatedEvents: number;
  /** Accepted events with no effect at all. */
  readonly lost: number;
  /** Effects of events nobody accepted (should be none). */
  readonly unexpected: number;
  /** Accounts whose balance differs from the sum of their accepted events. */
  readonly balanceMismatches: number;
  /** Sum over accounts of |actual - expected| balance, in minor units. */
  readonly balanceError: string;
}

/** Compares the ledger in the database with the events the API acknowledged. */
export async function checkLedger(databaseUrl: string, accepted: readonly LedgerEvent[]): Promise<LedgerVerdict> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const effects = await client.query<{ event_id: string; n: string }>(
      'SELECT event_id::text, count(*)::text AS n FROM ledger_entries GROUP BY event_id',
    );
    const balances = await client.query<{ account_id: string; balance: string }>(
      'SELECT account_id, balance::text FROM account_balances',
    );

    const effectCount = new Map(effects.rows.map((r) => [r.event_id, Number(r.n)]));
    const acceptedIds = new Set(accepted.map((e) => e.id));
    let applied = 0;
    let duplicatedEffects = 0;
    let duplicatedEvents = 0;
    for (const id of acceptedIds) {
      const n = effectCount.get(id) ?? 0;
      if (n > 0) applied += 1;
      if (n > 1) {
        duplicatedEvents += 1;
        duplicatedEffects += n - 1;
      }
    }
    const unexpected = [...effectCount.keys()].filter((id) => !acceptedIds.has(id)).length;

    const expected = new Map<string, bigint>();
    for (const event of accepted)
      expected.set(event.accountId, (expected.get(event.accountId) ?? 0n) + BigInt(balanceDelta(event)));
    const actual = new Map(balances.rows.map((r) => [r.account_id, BigInt(r.balance)]));
    let balanceMismatches = 0;
    let balanceError = 0n;
    for (const account of new Set([...expected.keys(), ...actual.keys()])) {
      const diff = (actual.get(account) ?? 0n) - (expected.get(account) ?? 0n);
      if (diff !== 0n) {
        balanceMismatches += 1;
        balanceError += diff < 0n ? -diff : diff;
      }
    }
    return {
      accepted: acceptedIds.size,
      applied,
      duplicatedEffects,
      duplicatedEvents,
      lost: acceptedIds.size - applied,
      unexpected,
      balanceMismatches,
      balanceError: balanceError.toString(),
    };
  } finally {
    await client.end();
  }
}
