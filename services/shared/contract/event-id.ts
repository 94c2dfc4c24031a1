import { createHash } from 'node:crypto';

// The namespace for event ids derived from idempotency keys (a fixed, random UUID of this project's own).
const IDEMPOTENCY_NAMESPACE = '4c7b8f0e-2a51-4d6b-9a7e-3f1d2c5b8e90';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

/** RFC 9562 UUIDv5: SHA-1 of namespace + name, with the version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(uuidBytes(namespace)).update(name, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/**
 * The id of an event: derived from its caller, the request's Idempotency-Key and its index in a batch, so a retry sent
 * to any API replica carries the same id, and two callers' keys never collide.
 */
export function eventId(caller: string, idempotencyKey: string, index = 0): string {
  return uuidV5(`${caller}\n${idempotencyKey}#${index}`, IDEMPOTENCY_NAMESPACE);
}
