import type { AnswerCounts } from './steady-load.js';
import type { FaultRecord } from './target.js';

/** reports/drill-chaos.json: what the drill did, what it found, and whether the system passed. */
export interface ChaosReport {
  readonly kind: 'chaos';
  readonly ok: boolean;
  /** Why the drill failed, one sentence each (empty when it passed). */
  readonly failures: readonly string[];
  readonly target: string;
  readonly workerMode?: 'before' | 'after';
  readonly seed: number;
  readonly accountPrefix: string;
  readonly durationSeconds: number;
  readonly ratePerSecond: number;
  /** Events the drill sent, those the API answered 2xx for, and those applied (at least once). */
  readonly sent: number;
  readonly accepted: number;
  readonly applied: number;
  /** Events applied more than once, and their ids. */
  readonly duplicated: number;
  readonly duplicatedEventIds: readonly string[];
  readonly duplicatedEffects: number;
  /** Acknowledged events never applied, and their ids. */
  readonly lost: number;
  readonly lostEventIds: readonly string[];
  /** Effects of events the API refused outright. */
  readonly unexpectedEventIds: readonly string[];
  readonly appliedWithoutAnswer: number;
  readonly balanceMismatches: readonly string[];
  readonly faults: readonly FaultRecord[];
  /** Seconds from the end of the last fault until the lag was at or under the SLO; null if it never was in time. */
  readonly lagRecoverySeconds: number | null;
  readonly lagRecoveryLimitSeconds: number;
  readonly lagSlo: number;
  readonly lagPeak: number;
  /** Seconds from the end of the load until the lag was zero (every event consumed), null if it never was. */
  readonly drainSeconds: number | null;
  /** 5xx or unanswered requests among all, outside the broker's and database's restarts (where 503 is by design). */
  readonly apiErrorRatio: number;
  /** The same over the whole run, restarts included. */
  readonly apiErrorRatioOverall: number;
  readonly apiErrorBudget: number;
  readonly answers: AnswerCounts;
  readonly unexpectedWorkerExits: readonly string[];
  readonly startedAt: string;
  readonly finishedAt: string;
}
