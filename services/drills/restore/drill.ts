import type { Say } from '../runner/progress.js';
import { secondsBetween } from '../runner/progress.js';
import type { RestoreCheck } from './checks.js';
import { compareLedgers } from './checks.js';
import type { LedgerChecksums } from './checksums.js';
import { checksumsAsOf, restoredChecksums } from './checksums.js';
import type { RestoreReport } from './report.js';
import type { FailurePoint, RestoreTarget } from './target.js';

export interface RestoreObjectives {
  readonly rpoSeconds: number;
  readonly rtoSeconds: number;
}

/** RPO: how much before the failure the restore's knowledge ends. */
function recoveryPoint(failure: FailurePoint, restored: LedgerChecksums): { seconds: number; basis: string } {
  if (failure.rpoBasis.kind === 'restorable-time') {
    return {
      seconds: Math.max(0, secondsBetween(failure.rpoBasis.restorableAt, failure.failedAt)),
      basis: `the failure minus the latest restorable time the backup service reported at that moment (${failure.rpoBasis.restorableAt.toISOString()})`,
    };
  }
  const last = restored.lastAppliedAt ? new Date(restored.lastAppliedAt) : undefined;
  return {
    // An empty restore lost everything since the point it restored to.
    seconds: Math.max(0, secondsBetween(last ?? new Date(failure.point.at), failure.failedAt)),
    basis:
      'the failure minus the newest event in the restore (the restore held only what the backups held at the failure)',
  };
}

/**
 * The restore drill: at a failure point, restore the ledger into a scratch instance at the newest consistent point the
 * backups cover, and prove it equal to the live ledger as of that point (rows, per-account balances, a hash of the
 * applied event ids). RPO is how far before the failure the restore ends; RTO runs from the start of the restore
 * until the restored ledger is verified. The scratch instance is removed whatever the verdict.
 */
export async function runRestoreDrill(
  target: RestoreTarget,
  objectives: RestoreObjectives,
  say: Say,
): Promise<RestoreReport> {
  try {
    return await drill(target, objectives, say);
  } finally {
    await target.close();
  }
}

async function drill(target: RestoreTarget, objectives: RestoreObjectives, say: Say): Promise<RestoreReport> {
  const startedAt = new Date();
  const failures: string[] = [];
  const notes: string[] = [];
  say(`target: ${target.description}`);
  const events = await target.prepare(say);
  const failure = await target.failurePoint(say);
  notes.push(failure.note);
  say(
    `failure at ${failure.failedAt.toISOString()}; restoring to ${failure.point.restoreTime} (entries up to id ${failure.point.lastEntryId})`,
  );

  const live = await target.live();
  const source = await checksumsAsOf(live, failure.point.lastEntryId, failure.point.restoreTime);
  say(`source as of the point: ${source.entries} entries over ${source.accounts} accounts`);

  const restoreStart = new Date();
  let checks: RestoreCheck[] = [];
  let restored: LedgerChecksums | undefined;
  let restoredAt = restoreStart;
  let verifiedAt: Date;
  try {
    const scratch = await target.restore(failure.point, say);
    restoredAt = new Date();
    say(`restored into ${scratch.description} in ${secondsBetween(restoreStart, restoredAt).toFixed(1)} s; verifying`);
    restored = await restoredChecksums(scratch.session, failure.point.restoreTime);
    verifiedAt = new Date();
    checks = compareLedgers(source, restored);
  } catch (error) {
    verifiedAt = new Date();
    failures.push(`the restore did not complete: ${(error as Error).message}`);
  } finally {
    await target.discard(say).catch((error: Error) => {
      failures.push(`the scratch instance could not be removed: ${error.message}`);
    });
  }
  const extra = await target.extraChecks(say).catch((error: Error) => {
    failures.push(`the target's own checks did not complete: ${error.message}`);
    return [];
  });
  checks = [...checks, ...extra];

  const rto = secondsBetween(restoreStart, verifiedAt);
  const rpo = restored ? recoveryPoint(failure, restored) : { seconds: null, basis: 'no restore' };
  // Equal empty ledgers prove nothing: the point must hold some of what the drill wrote.
  if (events > 0 && source.entries === '0')
    failures.push(`the consistent point precedes all ${events} events written: the restore was not tested on any data`);
  for (const check of checks.filter((c) => !c.ok))
    failures.push(`${check.name}: source ${check.source}, restored ${check.restored}`);
  if (rpo.seconds !== null && rpo.seconds > objectives.rpoSeconds)
    failures.push(`RPO ${rpo.seconds.toFixed(1)} s above the objective of ${objectives.rpoSeconds} s`);
  if (restored && rto > objectives.rtoSeconds)
    failures.push(`RTO ${rto.toFixed(1)} s above the objective of ${objectives.rtoSeconds} s`);

  return {
    kind: 'restore',
    ok: failures.length === 0 && checks.length > 0,
    failures,
    target: target.description,
    events,
    failedAt: failure.failedAt.toISOString(),
    restoreTime: failure.point.restoreTime,
    lastRestoredEventAt: restored?.lastAppliedAt ?? null,
    rpoSeconds: rpo.seconds,
    rpoBasis: rpo.basis,
    rtoSeconds: rto,
    restoreSeconds: secondsBetween(restoreStart, restoredAt),
    verifySeconds: secondsBetween(restoredAt, verifiedAt),
    objectives,
    checks,
    notes,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  };
}
