import os from 'node:os';
import path from 'node:path';
import type { RestoreReport } from '../../services/drills/restore/report.js';
import { runRestoreDrill } from '../../services/drills/restore/drill.js';
import type { RestoreTarget } from '../../services/drills/restore/target.js';
import type { Say } from '../../services/drills/runner/progress.js';
import type { ConnectionSettings, StackSettings } from '../stack/settings.js';
import type { LocalRestoreOptions } from './local-restore-target.js';
import { LocalRestoreTarget } from './local-restore-target.js';

/** The goals of the local restore drill (issue and docs/backup/rpo-rto.md): measured, not assumed. */
export const LOCAL_OBJECTIVES = { rpoSeconds: 10, rtoSeconds: 30 } as const;

/**
 * archive_timeout 5 s: a transaction waits at most that long for its segment to leave for the archive, which with a
 * consistent point every second keeps the RPO under the 10 s objective with room for the copy itself.
 */
export function localRestoreOptions(events: number, logDir?: string): LocalRestoreOptions {
  return {
    events,
    archiveTimeoutSeconds: 5,
    markerIntervalMs: 1000,
    workers: 2,
    logDir: logDir ?? path.join(os.tmpdir(), `drill-restore-${Date.now()}`),
  };
}

/**
 * Runs the restore drill against the local stack. `wrap` lets a test put its own hand between the drill and the
 * target (a restore that loses the last transaction) to show the drill catches it.
 */
export async function runLocalRestoreDrill(
  options: LocalRestoreOptions,
  connection: ConnectionSettings,
  stack: StackSettings,
  say: Say,
  wrap: (target: RestoreTarget) => RestoreTarget = (t) => t,
): Promise<RestoreReport> {
  const target = await LocalRestoreTarget.start(options, connection, stack);
  return runRestoreDrill(wrap(target), LOCAL_OBJECTIVES, say);
}
