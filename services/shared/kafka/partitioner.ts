import type { ICustomPartitioner, Message } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { keyHash } from './murmur2.js';

// Keys are short (an account id): encoded into one reused buffer instead of a new one per message.
const scratch = Buffer.allocUnsafe(256);

function keyBytes(key: NonNullable<Message['key']>): Uint8Array {
  if (typeof key !== 'string') return key;
  if (key.length * 3 <= scratch.length) return scratch.subarray(0, scratch.write(key, 'utf8'));
  return Buffer.from(key, 'utf8');
}

/**
 * kafkajs's DefaultPartitioner with murmur2.ts's hash: a keyed message goes to murmur2(key) mod the topic's partitions,
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
    return keyHash(keyBytes(message.key)) % partitionMetadata.length;
  };
};
