import { createHash } from 'node:crypto';
import { ApiError } from './errors.js';

// Visible ASCII only: keys end up in logs and Kafka headers.
const KEY_PATTERN = /^[\x21-\x7e]{1,128}$/;

export function validIdempotencyKey(raw: string | string[] | undefined): string | undefined {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !KEY_PATTERN.test(raw)) throw new ApiError('INVALID_IDEMPOTENCY_KEY');
  return raw;
}

export function bodyFingerprint(body: unknown): string {
  return createHash('sha256').update(JSON.stringify(body)).digest('base64url');
}

interface Entry<T> {
  readonly fingerprint: string;
  readonly result: Promise<T>;
}

/**
 * Remembers recent idempotency keys of this replica: a retry gets the first answer without producing again,
 * and concurrent retries share one produce. Bounded (least recently used goes first). A retry that reaches another
 * replica or outlives the cache is produced again with the same event ids, and the worker's dedup absorbs it.
 */
export class IdempotencyCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(private readonly capacity: number) {}

  async run(key: string, fingerprint: string, produce: () => Promise<T>): Promise<{ result: T; replayed: boolean }> {
    const found = this.entries.get(key);
    if (found) {
      if (found.fingerprint !== fingerprint) throw new ApiError('IDEMPOTENCY_KEY_REUSED');
      this.entries.delete(key);
      this.entries.set(key, found);
      return { result: await found.result, replayed: true };
    }
    const result = produce();
    if (this.capacity > 0) {
      this.entries.set(key, { fingerprint, result });
      // A failed produce must not be replayed: the client's retry has to try again.
      result.catch(() => this.entries.delete(key));
      while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    }
    return { result: await result, replayed: false };
  }

  get size(): number {
    return this.entries.size;
  }
}
