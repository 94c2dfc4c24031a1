/** Exponential backoff with full jitter, capped: attempt 1 waits up to base, attempt n up to base * 2^(n-1). Pure. */
export function backoffDelay(
  attempt: number,
  baseMs: number,
  maxMs: number,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling * random());
}

/**
 * What a failed write says about the event that was being written.
 * - `poison`: the database refused the event's own values; retrying the same bytes can never succeed.
 * - `transient`: anything else (an outage, a restart, a failover to read-only, a rotated password, a timeout, a lock,
 *   a bug or a missing migration). The event is fine; the worker waits and retries, and never dead-letters it.
 */
export type FailureClass = 'poison' | 'transient';

// Only SQLSTATE classes that name the data itself prove a message is bad:
// 22 data exception (a value out of range, an invalid timestamp), 23 integrity constraint violation (a CHECK).
// https://www.postgresql.org/docs/current/errcodes-appendix.html
const POISON_SQLSTATE = /^(22|23)[0-9A-Z]{3}$/;

export function classifyFailure(error: unknown): FailureClass {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && POISON_SQLSTATE.test(code) ? 'poison' : 'transient';
}

/** A short, stable label for a transient failure, for the metric and the log (never the message text). */
export function failureReason(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code)) return `sqlstate_${code}`;
  if (typeof code === 'string' && /^E[A-Z_]+$/.test(code)) return code.toLowerCase();
  const message = error instanceof Error ? error.message : '';
  if (/timeout/i.test(message)) return 'timeout';
  if (/terminat|connection/i.test(message)) return 'connection';
  return 'other';
}
