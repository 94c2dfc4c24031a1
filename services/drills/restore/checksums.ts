import type pg from 'pg';

type Session = Pick<pg.ClientBase, 'query'>;

/**
 * What must be equal between the live ledger as of a consistent point and a restore to that point. Every figure is
 * text: counts and sums of a large ledger outgrow a JavaScript number. Hashes are order-independent (a sum of the
 * first 64 bits of each row's MD5), so neither side needs sorting, and a duplicate row changes them.
 */
export interface LedgerChecksums {
  readonly entries: string;
  readonly eventIdHash: string;
  readonly total: string;
  readonly accounts: string;
  readonly balanceDigest: string;
  readonly dedupRecords: string;
  /** When the newest entry was applied (ISO 8601), or null for an empty ledger. */
  readonly lastAppliedAt: string | null;
}

const rowHash = (expression: string) =>
  `coalesce(sum(('x' || left(md5(${expression}), 16))::bit(64)::bigint::numeric), 0)::text`;

// Dedup records older than this may be pruned on the live side between the restore point and the check
// (DEDUP_RETENTION_HOURS, 216): only younger ones are compared.
const DEDUP_WINDOW = "interval '8 days'";

/** The live ledger as it was at the point: entries up to its last id (the ledger is insert-only). */
export async function checksumsAsOf(
  session: Session,
  lastEntryId: string,
  restoreTime: string,
): Promise<LedgerChecksums> {
  const entries = await session.query<{ entries: string; hash: string; total: string; last: string | null }>(
    `SELECT count(*)::text AS entries, ${rowHash('event_id::text')} AS hash, coalesce(sum(amount), 0)::text AS total,
            to_char(max(applied_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last
     FROM ledger_entries WHERE entry_id <= $1`,
    [lastEntryId],
  );
  const balances = await session.query<{ accounts: string; digest: string }>(
    `SELECT count(*)::text AS accounts, ${rowHash(`account_id || ':' || balance::text`)} AS digest
     FROM (SELECT account_id, sum(amount) AS balance FROM ledger_entries WHERE entry_id <= $1 GROUP BY account_id) b`,
    [lastEntryId],
  );
  const dedup = await session.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM processed_events p
     WHERE p.processed_at > $2::timestamptz - ${DEDUP_WINDOW}
       AND EXISTS (SELECT 1 FROM ledger_entries e WHERE e.event_id = p.event_id AND e.entry_id <= $1)`,
    [lastEntryId, restoreTime],
  );
  return checksums(entries.rows[0]!, balances.rows[0]!, dedup.rows[0]!.n);
}

/** A restored ledger, all of it: its stored balances rather than sums, so a balance that drifted shows. */
export async function restoredChecksums(session: Session, restoreTime: string): Promise<LedgerChecksums> {
  const entries = await session.query<{ entries: string; hash: string; total: string; last: string | null }>(
    `SELECT count(*)::text AS entries, ${rowHash('event_id::text')} AS hash, coalesce(sum(amount), 0)::text AS total,
            to_char(max(applied_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS last
     FROM ledger_entries`,
  );
  const balances = await session.query<{ accounts: string; digest: string }>(
    `SELECT count(*)::text AS accounts, ${rowHash(`account_id || ':' || balance::text`)} AS digest FROM account_balances`,
  );
  const dedup = await session.query<{ n: string }>(
    `SELECT count(*)::text AS n FROM processed_events WHERE processed_at > $1::timestamptz - ${DEDUP_WINDOW}`,
    [restoreTime],
  );
  return checksums(entries.rows[0]!, balances.rows[0]!, dedup.rows[0]!.n);
}

function checksums(
  entries: { entries: string; hash: string; total: string; last: string | null },
  balances: { accounts: string; digest: string },
  dedupRecords: string,
): LedgerChecksums {
  return {
    entries: entries.entries,
    eventIdHash: entries.hash,
    total: entries.total,
    accounts: balances.accounts,
    balanceDigest: balances.digest,
    dedupRecords,
    lastAppliedAt: entries.last,
  };
}
