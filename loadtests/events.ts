import { randomBytes } from 'node:crypto';
import type { EventInput } from '../services/shared/contract/event.js';
import type { LoadRequest } from './generator/http.js';

/**
 * Synthetic traffic: every account a load run touches is named `synthetic.<run>.<i>`, so load written into a shared
 * environment is told apart from real accounts (and can be removed) by its prefix.
 */
export const SYNTHETIC_ACCOUNT_PREFIX = 'synthetic.';

export interface TrafficShape {
  /** A short random id of the run: part of every key and account, so runs never collide. */
  readonly runId: string;
  readonly accounts: number;
  /** Events per request: 1 for `POST /events`, more for `POST /events/batch`. */
  readonly eventsPerRequest: number;
  /** The caller's token, presented on every request where the API asks for one. */
  readonly token?: string;
}

export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

/** The idempotency key of request n: unique within a run, and across runs by the run id. */
export function idempotencyKey(runId: string, n: number): string {
  return `load-${runId}-${n}`;
}

/** Event i of a run, a pure function of (shape, i): the ledger check recomputes what each event should have done. */
export function syntheticEvent(
  shape: TrafficShape,
  i: number,
): Required<Pick<EventInput, 'type' | 'accountId' | 'amount'>> {
  return {
    type: i % 5 === 0 ? 'debit' : 'credit',
    accountId: `${SYNTHETIC_ACCOUNT_PREFIX}${shape.runId}.${i % shape.accounts}`,
    amount: ((i * 7919) % 1000) + 1,
  };
}

/** Request n: one event to `POST /events`, or `eventsPerRequest` events to `POST /events/batch`. */
export function eventRequest(shape: TrafficShape, n: number): LoadRequest {
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    'idempotency-key': idempotencyKey(shape.runId, n),
  };
  if (shape.token) headers.authorization = `Bearer ${shape.token}`;
  if (shape.eventsPerRequest === 1)
    return { method: 'POST', path: '/events', headers, body: JSON.stringify(syntheticEvent(shape, n)) };
  const first = n * shape.eventsPerRequest;
  const events = Array.from({ length: shape.eventsPerRequest }, (_, k) => syntheticEvent(shape, first + k));
  return { method: 'POST', path: '/events/batch', headers, body: JSON.stringify({ events }) };
}
