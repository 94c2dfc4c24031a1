import { hash } from 'node:crypto';

// The namespace for event ids derived from idempotency keys (a fixed, random UUID of this project's own).
const IDEMPOTENCY_NAMESPACE = '4c7b8f0e-2a51-4d6b-9a7e-3f1d2c5b8e90';

function uuidBytes(uuid: string): Buffer {
  return Buffer.from(uuid.replaceAll('-', ''), 'hex');
}

const IDEMPOTENCY_NAMESPACE_BYTES = uuidBytes(IDEMPOTENCY_NAMESPACE);

// The hex digit of byte 8's high half once its top two bits are set to 10 (RFC 9562's variant), by the digit before.
const VARIANT_DIGIT = '89ab89ab89ab89ab';

// The API derives an id per event: a hash object and two buffers per id were about a tenth of its CPU (`npm run bench
// -- --only api --cpu-profile DIR`). Names are short (a caller, a key, an index), so the namespace and the name are
// written into one reused buffer and hashed in one call, whose hex answer becomes the UUID's text directly.
const scratch = Buffer.allocUnsafe(16 + 1024);

function uuidV5FromBytes(name: string, namespace: Uint8Array): string {
  let input: Uint8Array;
  // Three bytes per UTF-16 unit at most: a name that might not fit gets buffers of its own.
  if (16 + name.length * 3 > scratch.length) input = Buffer.concat([namespace, Buffer.from(name, 'utf8')]);
  else {
    scratch.set(namespace, 0);
    input = scratch.subarray(0, 16 + scratch.write(name, 16, 'utf8'));
  }
  const hex = hash('sha1', input, 'hex');
  // The first 16 bytes of the SHA-1, with the version (5) in byte 6's high half and the variant in byte 8's.
  return (
    `${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-` +
    `${VARIANT_DIGIT[parseInt(hex[16]!, 16)]}${hex.slice(17, 20)}-${hex.slice(20, 32)}`
  );
}

/** RFC 9562 UUIDv5: SHA-1 of namespace + name, with the version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  return uuidV5FromBytes(name, uuidBytes(namespace));
}

/**
 * The id of an event: derived from its caller, the request's Idempotency-Key and its index in a batch, so a retry sent
 * to any API replica carries the same id, and two callers' keys never collide.
 */
export function eventId(caller: string, idempotencyKey: string, index = 0): string {
  return uuidV5FromBytes(`${caller}\n${idempotencyKey}#${index}`, IDEMPOTENCY_NAMESPACE_BYTES);
}
