const M = 0x5bd1e995;
const SEED = 0x9747b28c;

/**
 * Kafka's murmur2 (the Java client's `Utils.murmur2`, which kafkajs's DefaultPartitioner and @platformatic/kafka's
 * compatibilityPartitioner port) in 32-bit integer arithmetic. kafkajs computes it with its 64-bit Long class, several
 * objects per four bytes of key, and @platformatic/kafka with BigInt, a few per four bytes; every value either reads
 * back is the low 32 bits, which `Math.imul` and the bit operators give directly, so the hash is the same.
 */
export function murmur2(data: Uint8Array): number {
  const length = data.length;
  let h = SEED ^ length;
  const whole = length & ~3;
  for (let i = 0; i < whole; i += 4) {
    let k = data[i]! | (data[i + 1]! << 8) | (data[i + 2]! << 16) | (data[i + 3]! << 24);
    k = Math.imul(k, M);
    k ^= k >>> 24;
    k = Math.imul(k, M);
    h = Math.imul(h, M) ^ k;
  }
  const rest = length & 3;
  if (rest > 0) {
    if (rest === 3) h ^= data[whole + 2]! << 16;
    if (rest >= 2) h ^= data[whole + 1]! << 8;
    h ^= data[whole]!;
    h = Math.imul(h, M);
  }
  h ^= h >>> 13;
  h = Math.imul(h, M);
  h ^= h >>> 15;
  return h | 0;
}

/** The Java client's hash of a key for its partition, non-negative: the partition is this modulo the partitions. */
export function keyHash(key: Uint8Array): number {
  return murmur2(key) & 0x7fffffff;
}
