import { hash } from 'node:crypto';

// The namespace for event ids derived from idempotency keys (a fixed, random UUID of this project's own).
const IDEMPOTENCY_NAMESPACE = '4c7b8f0e-2a51-4d6b-9a7e-3f1d2c5b8e90';

function uuidBytes(uuid: string): Buffer {
  const bytes = Buffer.from(uuid.replaceAll('-', ''), 'hex');
  // The reused buffer below holds exactly 16 bytes of namespace: anything else would hash a neighbour's leftovers.
  if (bytes.length !== 16) throw new TypeError(`not a UUID: ${JSON.stringify(uuid)}`);
  return bytes;
}

const IDEMPOTENCY_NAMESPACE_BYTES = uuidBytes(IDEMPOTENCY_NAMESPACE);

// The hex digit of byte 8's high half once its top two bits are set to 10 (RFC 9562's variant), by the digit before.
const VARIANT_DIGIT = '89ab89ab89ab89ab';

// One id per event the API accepts: the namespace and the (short) name go into one reused buffer, hashed in one call
// whose hex answer becomes the UUID's text (docs/performance.md: a hash object and two buffers per id cost far more).
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
