import { hash } from 'node:crypto';
import { configure } from 'safe-stable-stringify';

// Keys sorted at every level, so two encodings of one value (key order, whitespace) give one text and one hash.
const stableStringify = configure({ deterministic: true, bigint: false, circularValue: Error });

/** The canonical JSON text of a value: what idempotency and dedup compare, never the bytes a client happened to send. */
export function canonicalJson(value: unknown): string {
  const text = stableStringify(value);
  if (text === undefined) throw new TypeError('value has no JSON form');
  return text;
}

/** SHA-256 of the canonical JSON, hex: "the same body" means the same hash, however it was encoded. */
export function canonicalHash(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'hex');
}
