import { createRequire } from 'node:module';
import { randomBytes } from 'node:crypto';
import type { PartitionerArgs } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { keyHashPartitioner, murmur2 } from './partitioner.js';

const kafkajsMurmur2 = createRequire(import.meta.url)('kafkajs/src/producer/partitioners/default/murmur2.js') as (
  key: Buffer | string,
) => number;

const partitions = (n: number): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: n }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));

const keys = [
  '',
  'a',
  'ab',
  'abc',
  'acct-42',
  'account.with-every_char.0123456789',
  'ключ-счёта',
  '🙂 emoji',
  'x'.repeat(90),
  ...Array.from({ length: 500 }, (_, i) => randomBytes(1 + (i % 40)).toString(i % 2 ? 'hex' : 'latin1')),
];

describe('murmur2', () => {
  it('gives the hash kafkajs computes for every key', () => {
    for (const key of keys) expect(murmur2(Buffer.from(key)), key).toBe(kafkajsMurmur2(key));
  });

  it('matches the Java client on its published vector', () => {
    // Kafka's UtilsTest.testMurmur2: "21" hashes to -973932308.
    expect(murmur2(Buffer.from('21'))).toBe(-973932308);
  });
});

describe('keyHashPartitioner', () => {
  it('puts every keyed message on the partition kafkajs would', () => {
    const ours = keyHashPartitioner();
    const theirs = Partitioners.DefaultPartitioner();
    for (const n of [1, 4, 7, 64])
      for (const key of keys) {
        const args = { topic: 't', partitionMetadata: partitions(n), message: { key, value: 'v' } };
        expect(ours(args), `${key} of ${n}`).toBe(theirs(args));
        const bytes = { ...args, message: { key: Buffer.from(key), value: 'v' } };
        expect(ours(bytes), `${key} as bytes`).toBe(theirs(bytes));
      }
  });

  it('leaves an explicit partition where the message says', () => {
    const args = { topic: 't', partitionMetadata: partitions(4), message: { key: 'a', value: 'v', partition: 3 } };
    expect(keyHashPartitioner()(args)).toBe(3);
  });
});
