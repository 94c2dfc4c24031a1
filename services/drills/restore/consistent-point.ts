import type pg from 'pg';

/**
 * A moment at which the ledger is known exactly: taken while its writers are held off, so every ledger transaction
 * committed before `restoreTime` has an entry id at most `lastEntryId`, and every later one commits after it. A
 * point-in-time restore to `restoreTime` must therefore hold exactly the entries up to `lastEntryId`, which the
 * live ledger (insert-only) can still tell long afterwards.
 */
export interface ConsistentPoint {
  /** The database server's clock while the writers were held (ISO 8601, microseconds). */
  readonly at: string;
  /** What to ask the restore for: `at`, or the next whole second when the restore takes whole seconds only. */
  readonly restoreTime: string;
  readonly lastEntryId: string;
  /** The WAL segment that holds the end of the point's own commit record: the archive must hold it. */
  readonly walFile: string;
}

type Session = Pick<pg.ClientBase, 'query'>;

const ISO_UTC = `'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'`;

/**
 * Holds the ledger's writers for a moment (SHARE locks wait for every transaction already writing, then keep new
 * ones waiting) and reads the clock and the last entry id. The transaction takes an id of its own so its commit is a
 * WAL record a recovery target can stop at. With `wholeSecond`, the locks are held until the clock has passed the next
 * whole second, at most one second: the worker's writes wait, well inside its lock_timeout.
 */
export async function markConsistentPoint(
  session: Session,
  options: { wholeSecond: boolean },
): Promise<ConsistentPoint> {
  await session.query('BEGIN');
  try {
    await session.query("SET LOCAL lock_timeout = '10s'");
    // In the order the worker writes them (dedup record, balance, entry): any other order can deadlock with it.
    await session.query('LOCK TABLE processed_events, account_balances, ledger_entries IN SHARE MODE');
    await session.query('SELECT txid_current()');
    const { rows } = await session.query<{ at: string; restore_time: string; last_entry_id: string }>(
      `SELECT to_char(t AT TIME ZONE 'UTC', ${ISO_UTC}) AS at,
              to_char((CASE WHEN $1 THEN date_trunc('second', t) + interval '1 second' ELSE t END) AT TIME ZONE 'UTC', ${ISO_UTC}) AS restore_time,
              (SELECT coalesce(max(entry_id), 0) FROM ledger_entries)::text AS last_entry_id
       FROM clock_timestamp() AS t`,
      [options.wholeSecond],
    );
    const point = rows[0]!;
    if (options.wholeSecond)
      await session.query('SELECT pg_sleep(extract(epoch FROM ($1::timestamptz - clock_timestamp())) + 0.01)', [
        point.restore_time,
      ]);
    await session.query('COMMIT');
    const wal = await session.query<{ file: string }>('SELECT pg_walfile_name(pg_current_wal_insert_lsn()) AS file');
    return {
      at: point.at,
      restoreTime: point.restore_time,
      lastEntryId: point.last_entry_id,
      walFile: wal.rows[0]!.file,
    };
  } catch (error) {
    await session.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
