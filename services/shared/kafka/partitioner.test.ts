import type { PartitionerArgs } from 'kafkajs';
import { Partitioners } from 'kafkajs';
import { describe, expect, it } from 'vitest';
import { VARIED_KEYS as keys } from './testing.js';
import { keyHashPartitioner } from './partitioner.js';

const partitions = (n: number): PartitionerArgs['partitionMetadata'] =>
  Array.from({ length: n }, (_, partitionId) => ({
    partitionErrorCode: 0,
    partitionId,
    leader: 0,
    replicas: [0],
    isr: [0],
  }));

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
