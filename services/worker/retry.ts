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

// SQLSTATE classes and codes that say "try again", not "this event is bad":
// 08 connection exception, 40001 serialization failure, 40P01 deadlock, 53 insufficient resources,
// 57P01-57P03 administrator shutdown / crash shutdown / cannot connect now.
const TRANSIENT_SQLSTATE = /^(08|53|40001$|40P01$|57P0[123]$)/;
const TRANSIENT_NODE_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * True when a database error is about the database, not the data: the worker then waits and retries the same batch
 * for as long as it owns the partition, and never dead-letters good events because PostgreSQL was down.
 */
export function isTransientDatabaseError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && (TRANSIENT_SQLSTATE.test(code) || TRANSIENT_NODE_ERRORS.has(code))) return true;
  const message = error instanceof Error ? error.message : '';
  return /Connection terminated|connection timeout|Client has encountered a connection error|timeout exceeded when trying to connect/i.test(
    message,
  );
}
