import { randomUUID } from 'node:crypto';
import type { EventInput } from '../../shared/contract/event.js';
import { eventId } from '../../shared/contract/event-id.js';
import { sleep } from '../runner/progress.js';
import type { SentEvent } from './ledger-verdict.js';

export interface SteadyLoadOptions {
  readonly apiUrl: string;
  /** Presented as `Authorization: Bearer <token>` when set (services/api/auth.ts). */
  readonly apiToken?: string;
  /** Events per second, sent on schedule whatever the answers (an open model: a slow API does not slow the load). */
  readonly ratePerSecond: number;
  readonly durationMs: number;
  /** Account ids are `<prefix><n>`: the drill's own accounts, never a customer's. */
  readonly accountPrefix: string;
  readonly accounts: number;
  /** The identity the API scopes idempotency keys to (`anonymous` without authentication in front). */
  readonly caller: string;
  /** A well-behaved client retries a 503, a timeout or a lost connection with the same key until this deadline. */
  readonly retryForMs: number;
  /** At most this many requests wait for an answer; the schedule slips rather than piling up sockets. */
  readonly maxInFlight: number;
}

/** One answer of the API (or its absence: a timeout or a lost connection), and when it came. */
export interface Answer {
  readonly at: number;
  readonly status: number | 'none';
}

/** Every answer the API gave, by status code, and the failures that had no status at all. */
export interface AnswerCounts {
  readonly byStatus: Record<string, number>;
  readonly networkErrors: number;
}

export interface SteadyLoadResult {
  readonly events: SentEvent[];
  readonly answers: Answer[];
}

// Refusals that say nothing was accepted: the event can never be applied (docs/services.md).
const NOTHING_ACCEPTED = new Set(['OVERLOADED', 'SHUTTING_DOWN', 'DATABASE_UNAVAILABLE']);

function errorCode(body: string): string | undefined {
  try {
    return (JSON.parse(body) as { error?: string }).error;
  } catch {
    return undefined;
  }
}

function input(n: number, options: SteadyLoadOptions): Required<Pick<EventInput, 'type' | 'accountId' | 'amount'>> {
  return {
    type: n % 4 === 3 ? 'debit' : 'credit',
    accountId: `${options.accountPrefix}${n % options.accounts}`,
    amount: ((n * 7919) % 997) + 1,
  };
}

export function countAnswers(answers: readonly Answer[]): AnswerCounts {
  const byStatus: Record<string, number> = {};
  let networkErrors = 0;
  for (const { status } of answers) {
    if (status === 'none') networkErrors += 1;
    else byStatus[status] = (byStatus[status] ?? 0) + 1;
  }
  return { byStatus, networkErrors };
}

/** The share of answers that were 5xx or no answer at all, the way the API's error-ratio SLO counts them. */
export function errorRatio(answers: readonly Answer[]): number {
  const errors = answers.filter((a) => a.status === 'none' || a.status >= 500).length;
  return answers.length === 0 ? 0 : errors / answers.length;
}

/**
 * Sends the drill's synthetic events through the HTTP API at a steady rate, each with an Idempotency-Key of its own,
 * retried with that key as docs/services.md asks of clients. `stop()` ends the schedule early.
 */
export function startSteadyLoad(options: SteadyLoadOptions): { done: Promise<SteadyLoadResult>; stop: () => void } {
  const events: SentEvent[] = [];
  const answers: Answer[] = [];
  let stopped = false;
  const runId = randomUUID();

  const sendOne = async (n: number): Promise<void> => {
    const body = input(n, options);
    const key = `drill-${runId}-${n}`;
    const id = eventId(options.caller, key);
    const giveUpAt = Date.now() + options.retryForMs;
    let mayBeApplied = false;
    for (let attempt = 1; ; attempt += 1) {
      let status: number;
      let code: string | undefined;
      try {
        const response = await fetch(`${options.apiUrl}/events`, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': key,
            ...(options.apiToken ? { authorization: `Bearer ${options.apiToken}` } : {}),
          },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
        status = response.status;
        const text = await response.text();
        if (status >= 400) code = errorCode(text);
      } catch {
        answers.push({ at: Date.now(), status: 'none' });
        mayBeApplied = true;
        if (Date.now() >= giveUpAt) break;
        await sleep(Math.min(250 * attempt, 2000));
        continue;
      }
      answers.push({ at: Date.now(), status });
      if (status >= 200 && status < 300) {
        events.push({ id, ...body, acknowledged: true, mayBeApplied: true });
        return;
      }
      if (status !== 503 && status !== 408 && status !== 429) break;
      if (!NOTHING_ACCEPTED.has(code ?? '')) mayBeApplied = true;
      if (Date.now() >= giveUpAt) break;
      await sleep(Math.min(250 * attempt, 2000));
    }
    events.push({ id, ...body, acknowledged: false, mayBeApplied });
  };

  const done = (async (): Promise<SteadyLoadResult> => {
    const started = Date.now();
    const total = Math.floor((options.ratePerSecond * options.durationMs) / 1000);
    const inFlight = new Set<Promise<void>>();
    for (let n = 0; n < total && !stopped; n += 1) {
      const due = started + (n * 1000) / options.ratePerSecond;
      if (due > Date.now()) await sleep(due - Date.now());
      while (inFlight.size >= options.maxInFlight) await Promise.race(inFlight);
      const sending = sendOne(n).finally(() => inFlight.delete(sending));
      inFlight.add(sending);
    }
    await Promise.all(inFlight);
    return { events, answers };
  })();
  return {
    done,
    stop: () => {
      stopped = true;
    },
  };
}
