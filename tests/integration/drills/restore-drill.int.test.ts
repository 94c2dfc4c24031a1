import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import type { RestoreTarget } from '../../../services/drills/restore/target.js';
import { localRestoreOptions, runLocalRestoreDrill } from '../../../tools/drills/local-restore.js';
import { loadStackSettings } from '../../../tools/stack/stack.js';

// The restore drill in its short form: thousands of events, a segment archived every second so the archive holds
// consistent points with entries in them.
const connection = inject('stack');
const stack = loadStackSettings();
const quiet = () => undefined;
const shortRun = (name: string) => ({
  ...localRestoreOptions(12_000, path.join(os.tmpdir(), 'drill-tests', name)),
  archiveTimeoutSeconds: 1,
});

/** A restore that stops a microsecond before the last transaction of the point commits: it loses that transaction. */
function losingTheLastTransaction(target: RestoreTarget): RestoreTarget {
  return new Proxy(target, {
    get(real, property) {
      if (property === 'restore')
        return async (...[point, say]: Parameters<RestoreTarget['restore']>) => {
          const live = await real.live();
          const { rows } = await live.query<{ before: string }>(
            `SELECT to_char((max(applied_at) - interval '1 microsecond') AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS before
             FROM ledger_entries WHERE entry_id <= $1`,
            [point.lastEntryId],
          );
          return real.restore({ ...point, restoreTime: rows[0]!.before }, say);
        };
      const value: unknown = Reflect.get(real, property);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(real) : value;
    },
  });
}

describe('the restore drill on the local stack', () => {
  it('restores the ledger to a consistent point and proves it equal to the source as of that point', async () => {
    const report = await runLocalRestoreDrill(shortRun('restore'), connection, stack, quiet);
    expect(report.failures).toStrictEqual([]);
    expect(report.ok).toBe(true);
    expect(report.events).toBe(12_000);
    expect(Number(report.checks.find((c) => c.name.startsWith('ledger entries'))!.restored)).toBeGreaterThan(0);
    expect(report.rpoSeconds).toBeLessThanOrEqual(report.objectives.rpoSeconds);
  }, 180_000);

  it('fails a restore that loses the last transaction before the point', async () => {
    const report = await runLocalRestoreDrill(
      shortRun('restore-losing'),
      connection,
      stack,
      quiet,
      losingTheLastTransaction,
    );
    expect(report.ok).toBe(false);
    const entries = report.checks.find((c) => c.name.startsWith('ledger entries'))!;
    expect(entries.ok).toBe(false);
    expect(Number(entries.restored)).toBeLessThan(Number(entries.source));
  }, 180_000);
});
