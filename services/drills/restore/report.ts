import type { RestoreCheck } from './checks.js';

/** reports/drill-restore.json. */
export interface RestoreReport {
  readonly kind: 'restore';
  readonly ok: boolean;
  readonly failures: readonly string[];
  readonly target: string;
  /** Events in the source ledger when the drill began its restore. */
  readonly events: number;
  /** The failure point, the time the restore aimed at, and the newest event the restore holds. */
  readonly failedAt: string;
  readonly restoreTime: string;
  readonly lastRestoredEventAt: string | null;
  /** Null when nothing was restored. */
  readonly rpoSeconds: number | null;
  readonly rpoBasis: string;
  /** From the start of the restore until the restored ledger was verified. */
  readonly rtoSeconds: number;
  readonly restoreSeconds: number;
  readonly verifySeconds: number;
  readonly objectives: { readonly rpoSeconds: number; readonly rtoSeconds: number };
  readonly checks: readonly RestoreCheck[];
  readonly notes: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
}
