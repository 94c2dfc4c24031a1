import os from 'node:os';
import path from 'node:path';
import type { ChaosOptions } from '../../services/drills/chaos/drill.js';
import { runChaosDrill } from '../../services/drills/chaos/drill.js';
import type { ChaosReport } from '../../services/drills/chaos/report.js';
import type { FaultType } from '../../services/drills/chaos/target.js';
import type { Say } from '../../services/drills/runner/progress.js';
import type { ConnectionSettings, StackSettings } from '../stack/settings.js';
import { LocalChaosTarget } from './local-chaos-target.js';

export interface LocalChaosRun {
  readonly durationSeconds: number;
  readonly workerMode: 'before' | 'after';
  readonly ratePerSecond: number;
  readonly kills: number;
  readonly seed: number;
  readonly logDir?: string;
  readonly faultTypes?: readonly FaultType[];
}

/**
 * The local run's defaults. The lag SLO is two seconds of the drill's own load: the stack carries nothing else, so a
 * production figure (tens of thousands) could never be missed here and would prove nothing. The error budget is prod's
 * SLO (the strictest); the drill does not count the 503s the API gives by design while the broker or PostgreSQL restarts.
 */
export function localChaosOptions(run: LocalChaosRun): ChaosOptions {
  return {
    durationSeconds: run.durationSeconds,
    ratePerSecond: run.ratePerSecond,
    accounts: 20,
    kills: run.kills,
    seed: run.seed,
    lagSlo: run.ratePerSecond * 2,
    lagRecoveryLimitSeconds: 60,
    apiErrorBudget: 0.01,
    caller: 'anonymous',
    drainTimeoutSeconds: 120,
    workerMode: run.workerMode,
  };
}

/** Runs the chaos drill against the local stack, starting the API and the workers itself, and cleans up after. */
export async function runLocalChaosDrill(
  run: LocalChaosRun,
  connection: ConnectionSettings,
  stack: StackSettings,
  say: Say,
): Promise<ChaosReport> {
  const logDir = run.logDir ?? path.join(os.tmpdir(), `drill-chaos-${run.workerMode}-${Date.now()}`);
  const target = await LocalChaosTarget.start({
    connection,
    stack,
    workerMode: run.workerMode,
    replicas: 2,
    partitions: 4,
    logDir,
    faultTypes: run.faultTypes,
  });
  try {
    return await runChaosDrill(target, localChaosOptions(run), say);
  } finally {
    await target.stop();
  }
}
