import type { ICustomPartitioner, Message } from 'kafkajs';
import { Partitioners } from 'kafkajs';

const M = 0x5bd1e995;
const SEED = 0x9747b28c;

/**
 * Kafka's murmur2 (the Java client's `Utils.murmur2`, which kafkajs's DefaultPartitioner ports) in 32-bit integer
 * arithmetic. kafkajs computes it with its 64-bit Long class, several objects per four bytes of key; every value it
 * reads back is the low 32 bits, which `Math.imul` and the bit operators give directly, so the hash is the same.
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

// Keys are short (an account id): encoded into one reused buffer instead of a new one per message.
const scratch = Buffer.allocUnsafe(256);

function keyBytes(key: NonNullable<Message['key']>): Uint8Array {
  if (typeof key !== 'string') return key;
  if (key.length * 3 <= scratch.length) return scratch.subarray(0, scratch.write(key, 'utf8'));
  return Buffer.from(key, 'utf8');
}

/**
 * kafkajs's DefaultPartitioner with the hash above: a keyed message goes to murmur2(key) mod the topic's partitions,
 * exactly where kafkajs (and the Java client) put it, so an account's events stay on one partition across releases;
 * a message with an explicit partition or without a key is left to kafkajs's own partitioner.
 */
export const keyHashPartitioner: ICustomPartitioner = () => {
  const fallback = Partitioners.DefaultPartitioner();
  return (args) => {
    const { message, partitionMetadata } = args;
    if (
      (message.partition !== null && message.partition !== undefined) ||
      message.key === null ||
      message.key === undefined
    )
      return fallback(args);
    return (murmur2(keyBytes(message.key)) & 0x7fffffff) % partitionMetadata.length;
  };
};
