import { randomBytes } from 'node:crypto';
import type { Say } from '../runner/progress.js';
import { sleep } from '../runner/progress.js';
import { LagWatch } from './lag-watch.js';
import { exactlyOnceHolds, judgeExactlyOnce, sample } from './ledger-verdict.js';
import type { ChaosReport } from './report.js';
import { planFaults, seededRandom } from './schedule.js';
import type { Answer } from './steady-load.js';
import { countAnswers, errorRatio, startSteadyLoad } from './steady-load.js';
import type { ChaosTarget, FaultRecord } from './target.js';

export interface ChaosOptions {
  readonly durationSeconds: number;
  readonly ratePerSecond: number;
  /** How many accounts of its own the drill spreads its events over. */
  readonly accounts: number;
  readonly kills: number;
  readonly seed: number;
  /** The consumer-lag SLO (observability.slo.consumerLagMax) the lag must be back under... */
  readonly lagSlo: number;
  /** ...within this many seconds of the end of the last fault. */
  readonly lagRecoveryLimitSeconds: number;
  /** The largest share of 5xx (or unanswered) API requests the drill accepts. */
  readonly apiErrorBudget: number;
  readonly caller: string;
  /** How long to wait after the load for every event to be consumed before reading the ledger. */
  readonly drainTimeoutSeconds: number;
  readonly workerMode?: 'before' | 'after';
}

/** Account ids of one run: `drill-<yyyymmddhhmmss>-<random>-<n>`, apart from every customer's and every other run's. */
export function drillAccountPrefix(startedAt: Date): string {
  const stamp = startedAt.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return `drill-${stamp}-${randomBytes(3).toString('hex')}-`;
}

// While the broker or the database restarts, the API answers 503 with Retry-After by design (nothing is accepted that
// cannot be kept); those answers, and those of the following grace period while clients reconnect, are not errors
// against the budget. Any other 5xx is, whenever it comes.
const DEPENDENCY_FAULTS = new Set(['restart-broker', 'kill-leader', 'restart-database']);
const RECONNECT_GRACE_MS = 10_000;

function outsideDependencyOutages(answers: readonly Answer[], faults: readonly FaultRecord[]): Answer[] {
  const windows = faults
    .filter((f) => DEPENDENCY_FAULTS.has(f.type))
    .map((f) => [Date.parse(f.at), Date.parse(f.endedAt) + RECONNECT_GRACE_MS] as const);
  const byDesign = (a: Answer) => a.status === 503 || a.status === 'none';
  return answers.filter((a) => !(byDesign(a) && windows.some(([from, to]) => a.at >= from && a.at <= to)));
}

async function waitFor(condition: () => boolean, deadline: number): Promise<void> {
  while (!condition() && Date.now() < deadline) await sleep(250);
}

/**
 * The chaos drill: a steady load of the drill's own events through the API while worker replicas are killed and
 * rescaled (and, where the target can, the broker and the database restarted) at random moments; then the verdict:
 * every acknowledged event applied exactly once, the lag back under its SLO in time, the API's errors within budget.
 */
export async function runChaosDrill(target: ChaosTarget, options: ChaosOptions, say: Say): Promise<ChaosReport> {
  const startedAt = new Date();
  const accountPrefix = drillAccountPrefix(startedAt);
  const random = seededRandom(options.seed);
  const durationMs = options.durationSeconds * 1000;
  const plan = planFaults({ durationMs, kills: options.kills, faultTypes: target.faultTypes }, random);
  say(`target: ${target.description}`);
  say(`load: ${options.ratePerSecond} events/s for ${options.durationSeconds} s on accounts ${accountPrefix}*`);
  say(`faults (seed ${options.seed}): ${plan.map((f) => `${f.type} at ${(f.atMs / 1000).toFixed(1)} s`).join(', ')}`);

  const lag = new LagWatch(() => target.lag());
  lag.start();
  const loadStart = Date.now();
  const load = startSteadyLoad({
    apiUrl: target.apiUrl,
    apiToken: target.apiToken,
    ratePerSecond: options.ratePerSecond,
    durationMs,
    accountPrefix,
    accounts: options.accounts,
    caller: options.caller,
    retryForMs: 120_000,
    maxInFlight: 64,
  });

  const faults: FaultRecord[] = [];
  const failures: string[] = [];
  try {
    for (const planned of plan) {
      const due = loadStart + planned.atMs;
      if (due > Date.now()) await sleep(due - Date.now());
      const at = new Date();
      try {
        const done = await target.inject(planned.type, random);
        const endedAt = new Date();
        faults.push({ ...done, at: at.toISOString(), endedAt: endedAt.toISOString() });
        say(`${done.type} ${done.target} (${((endedAt.getTime() - at.getTime()) / 1000).toFixed(1)} s)`);
      } catch (error) {
        // A fault the drill could not cause is a finding too: the drill cannot vouch for what it did not test.
        failures.push(`${planned.type} failed: ${(error as Error).message}`);
        say(`${planned.type} failed: ${(error as Error).message}`);
      }
    }
  } finally {
    // A fault that throws still leaves the worker at its size and the load to finish.
    await target.settle();
  }
  const lastFaultEnd = faults.length > 0 ? Date.parse(faults.at(-1)!.endedAt) : loadStart;
  const limitMs = options.lagRecoveryLimitSeconds * 1000;
  await waitFor(() => lag.firstAtOrBelow(options.lagSlo, lastFaultEnd) !== undefined, lastFaultEnd + limitMs);
  const recoveredAt = lag.firstAtOrBelow(options.lagSlo, lastFaultEnd);
  const lagRecoverySeconds =
    recoveredAt !== undefined && recoveredAt - lastFaultEnd <= limitMs ? (recoveredAt - lastFaultEnd) / 1000 : null;
  say(
    lagRecoverySeconds === null
      ? `lag not back under ${options.lagSlo} within ${options.lagRecoveryLimitSeconds} s of the last fault`
      : `lag back under ${options.lagSlo} ${lagRecoverySeconds.toFixed(1)} s after the last fault (peak ${lag.peak()})`,
  );

  const sent = await load.done;
  const loadEnd = Date.now();
  const acknowledged = sent.events.filter((e) => e.acknowledged).length;
  say(`load finished: ${sent.events.length} sent, ${acknowledged} acknowledged; waiting for the worker to drain`);
  await waitFor(() => lag.firstAtOrBelow(0, loadEnd) !== undefined, loadEnd + options.drainTimeoutSeconds * 1000);
  lag.stop();
  const drainedAt = lag.firstAtOrBelow(0, loadEnd);
  const drainSeconds = drainedAt === undefined ? null : (drainedAt - loadEnd) / 1000;

  const verdict = judgeExactlyOnce(
    sent.events,
    await target.effects(sent.events.map((e) => e.id)),
    await target.balances([...new Set(sent.events.map((e) => e.accountId))]),
  );
  const apiErrorRatio = errorRatio(outsideDependencyOutages(sent.answers, faults));
  const unexpectedWorkerExits = await target.unexpectedExits();

  if (verdict.duplicatedEvents.length > 0)
    failures.push(
      `${verdict.duplicatedEvents.length} events applied more than once (${verdict.duplicatedEffects} extra effects): ${sample(verdict.duplicatedEvents)}`,
    );
  if (verdict.lostEvents.length > 0)
    failures.push(`${verdict.lostEvents.length} acknowledged events never applied: ${sample(verdict.lostEvents)}`);
  if (verdict.unexpectedEvents.length > 0)
    failures.push(`${verdict.unexpectedEvents.length} refused events applied: ${sample(verdict.unexpectedEvents)}`);
  if (verdict.balanceMismatches.length > 0)
    failures.push(
      `${verdict.balanceMismatches.length} accounts with a wrong balance: ${sample(verdict.balanceMismatches)}`,
    );
  if (lagRecoverySeconds === null)
    failures.push(
      `consumer lag not back under ${options.lagSlo} within ${options.lagRecoveryLimitSeconds} s of the last fault`,
    );
  if (drainSeconds === null)
    failures.push(`the worker did not consume every event within ${options.drainTimeoutSeconds} s`);
  if (apiErrorRatio > options.apiErrorBudget)
    failures.push(
      `API error ratio ${(apiErrorRatio * 100).toFixed(2)} % (outside dependency restarts) above the budget of ${(options.apiErrorBudget * 100).toFixed(2)} %`,
    );
  if (unexpectedWorkerExits.length > 0)
    failures.push(`workers exited on their own: ${unexpectedWorkerExits.join(', ')}`);
  if (acknowledged === 0) failures.push('the API acknowledged no event: the drill proved nothing');

  return {
    kind: 'chaos',
    ok: failures.length === 0 && exactlyOnceHolds(verdict),
    failures,
    target: target.description,
    ...(options.workerMode ? { workerMode: options.workerMode } : {}),
    seed: options.seed,
    accountPrefix,
    durationSeconds: options.durationSeconds,
    ratePerSecond: options.ratePerSecond,
    sent: sent.events.length,
    accepted: verdict.acknowledged,
    applied: verdict.applied,
    duplicated: verdict.duplicatedEvents.length,
    duplicatedEventIds: verdict.duplicatedEvents,
    duplicatedEffects: verdict.duplicatedEffects,
    lost: verdict.lostEvents.length,
    lostEventIds: verdict.lostEvents,
    unexpectedEventIds: verdict.unexpectedEvents,
    appliedWithoutAnswer: verdict.appliedWithoutAnswer,
    balanceMismatches: verdict.balanceMismatches,
    faults,
    lagRecoverySeconds,
    lagRecoveryLimitSeconds: options.lagRecoveryLimitSeconds,
    lagSlo: options.lagSlo,
    lagPeak: lag.peak(),
    drainSeconds,
    apiErrorRatio: Math.round(apiErrorRatio * 1e6) / 1e6,
    apiErrorRatioOverall: Math.round(errorRatio(sent.answers) * 1e6) / 1e6,
    apiErrorBudget: options.apiErrorBudget,
    answers: countAnswers(sent.answers),
    unexpectedWorkerExits,
    startedAt: startedAt.toISOString(),
    finishedAt: new Date().toISOString(),
  };
}
