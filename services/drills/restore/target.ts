import type pg from 'pg';
import type { Say } from '../runner/progress.js';
import type { RestoreCheck } from './checks.js';
import type { ConsistentPoint } from './consistent-point.js';

/** The moment the drill treats as the failure, and the consistent point the restore aims at. */
export interface FailurePoint {
  readonly failedAt: Date;
  readonly point: ConsistentPoint;
  /**
   * How the RPO follows: `restore` when the restore holds only what the backups held at the failure (the local
   * archive), so the RPO is the failure minus the last event restored; `restorable-time` when the backup service
   * states how far it could restore at that moment (RDS's LatestRestorableTime), given here.
   */
  readonly rpoBasis: { readonly kind: 'restore' } | { readonly kind: 'restorable-time'; readonly restorableAt: Date };
  /** What the target did to freeze the backups at the failure, for the report. */
  readonly note: string;
}

/** A scratch database the restore produced, connected. */
export interface RestoredDatabase {
  readonly session: pg.ClientBase;
  readonly description: string;
}

/**
 * Where a restore drill runs: the local stack (PostgreSQL with a base backup and WAL archive, tools/drills) or AWS
 * (RDS point-in-time restore and Velero, services/drills/cluster). The drill picks nothing itself: it compares.
 */
export interface RestoreTarget {
  readonly description: string;
  /** Makes the source ready; locally this writes the ledger through the API and the worker. Returns its event count. */
  prepare(say: Say): Promise<number>;
  /** A session on the live ledger (the source). */
  live(): Promise<pg.ClientBase>;
  failurePoint(say: Say): Promise<FailurePoint>;
  /** Restores into a scratch instance at the point and returns once it accepts queries as a primary. */
  restore(point: ConsistentPoint, say: Say): Promise<RestoredDatabase>;
  /** Removes the scratch instance; called whether the verification passed or not. */
  discard(say: Say): Promise<void>;
  /** Checks of the target's own beyond the ledger (the cluster's namespace restore). */
  extraChecks(say: Say): Promise<RestoreCheck[]>;
  /** Ends every session and process the target holds. */
  close(): Promise<void>;
}
