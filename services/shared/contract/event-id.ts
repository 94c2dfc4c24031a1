import { hash } from 'node:crypto';

// The namespace for event ids derived from idempotency keys (a fixed, random UUID of this project's own).
const IDEMPOTENCY_NAMESPACE = '4c7b8f0e-2a51-4d6b-9a7e-3f1d2c5b8e90';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

const IDEMPOTENCY_NAMESPACE_BYTES = uuidBytes(IDEMPOTENCY_NAMESPACE);

/** The UUIDv5 of `input` (namespace bytes followed by the name's UTF-8): one one-shot SHA-1, no hash object. */
function v5(input: Buffer): string {
  const digest = hash('sha1', input, 'buffer');
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.toString('hex', 0, 16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** RFC 9562 UUIDv5: SHA-1 of namespace + name, with the version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  return v5(Buffer.concat([uuidBytes(namespace), Buffer.from(name, 'utf8')]));
}

/**
 * The ids of a request's `count` events: derived from its caller, its Idempotency-Key and each event's index in the
 * request, so a retry sent to any API replica carries the same ids, and two callers' keys never collide. The namespace
 * and `caller\nkey#` are written once per request; each id then hashes that prefix with its own index.
 */
export function eventIds(caller: string, idempotencyKey: string, count: number): string[] {
  const prefix = `${caller}\n${idempotencyKey}#`;
  const prefixEnd = 16 + Buffer.byteLength(prefix, 'utf8');
  // Room for the longest index (a safe integer has at most 16 digits).
  const input = Buffer.allocUnsafe(prefixEnd + 16);
  IDEMPOTENCY_NAMESPACE_BYTES.copy(input, 0);
  input.write(prefix, 16, 'utf8');
  const ids = new Array<string>(count);
  for (let index = 0; index < count; index += 1) {
    const end = prefixEnd + input.write(String(index), prefixEnd, 'latin1');
    ids[index] = v5(input.subarray(0, end));
  }
  return ids;
}

/** The id of one event: `eventIds(caller, idempotencyKey, index + 1)[index]`, without the others. */
export function eventId(caller: string, idempotencyKey: string, index = 0): string {
  return uuidV5(`${caller}\n${idempotencyKey}#${index}`, IDEMPOTENCY_NAMESPACE);
}
