import { ApiError } from './errors.js';

// Visible ASCII only: keys end up in logs and in the idempotency store.
const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

/**
 * Every POST carries an Idempotency-Key: without one, a client that retries after a timeout or a 503 (whose events may
 * still be applied) would create a second event. With one, the retry is the same request and is applied at most once.
 */
export function requiredIdempotencyKey(raw: string | string[] | undefined): string {
  if (raw === undefined) throw new ApiError('IDEMPOTENCY_KEY_REQUIRED');
  if (typeof raw !== 'string' || !KEY_PATTERN.test(raw)) throw new ApiError('INVALID_IDEMPOTENCY_KEY');
  return raw;
}
