/**
 * What became of one arrival. `accepted`: a 2xx. `shed`: a 429 or 503 with Retry-After, the API refusing load the way
 * it promises to (allowed under a flood). `ambiguous`: the answer never came (timeout, reset) or was a 503 saying the
 * event may still be applied, so the ledger may or may not hold it. The rest are errors.
 */
export const OUTCOMES = ['accepted', 'shed', 'clientError', 'serverError', 'transportError', 'notSent'] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Status keys of a report besides HTTP codes: no answer at all, and arrivals the generator could not send. */
export const NO_ANSWER = {
  timeout: 'timeout',
  transport: 'transport-error',
  notSent: 'not-sent',
} as const;

export function classifyStatus(status: number, hasRetryAfter: boolean): Outcome {
  if (status >= 200 && status < 300) return 'accepted';
  if ((status === 429 || status === 503) && hasRetryAfter) return 'shed';
  if (status >= 500) return 'serverError';
  return 'clientError';
}

/** What the ledger may hold of an arrival: nothing, its events exactly once (2xx), or at most once (unknown). */
export const LEDGER_FATE = { none: 0, required: 1, optional: 2 } as const;
export type LedgerFate = (typeof LEDGER_FATE)[keyof typeof LEDGER_FATE];

// 503s whose message says "nothing was accepted" (errors.ts): the events were never handed to Kafka.
const REFUSED_BEFORE_KAFKA = new Set(['OVERLOADED', 'DATABASE_UNAVAILABLE', 'SHUTTING_DOWN']);

/**
 * Whether an arrival's events must, may or must not be in the ledger. A 2xx must be applied exactly once. An answer
 * that never came (timeout, reset), a 503 KAFKA_UNAVAILABLE ("may still be applied") or any other 5xx may be applied,
 * at most once. A 4xx, a 429, a 503 that refused before Kafka, or an arrival never sent must leave no trace.
 */
export function ledgerFate(outcome: Outcome, status: number | undefined, errorCode: string | undefined): LedgerFate {
  if (outcome === 'accepted') return LEDGER_FATE.required;
  if (outcome === 'notSent' || outcome === 'clientError' || status === 429) return LEDGER_FATE.none;
  if (status === 503 && errorCode !== undefined && REFUSED_BEFORE_KAFKA.has(errorCode)) return LEDGER_FATE.none;
  return LEDGER_FATE.optional;
}
