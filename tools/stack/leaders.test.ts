import { describe, expect, it } from 'vitest';
import { offsetsPartition } from './leaders.js';

describe('offsetsPartition', () => {
  it('places a group where Kafka does (Java String.hashCode, sign bit cleared, modulo the partition count)', () => {
    expect(offsetsPartition('console-consumer-1', 50)).toBe(expectedJava('console-consumer-1', 50));
    expect(offsetsPartition('', 10)).toBe(0);
    expect(offsetsPartition('a', 10)).toBe(97 % 10);
    // "polygenelubricants".hashCode() is Integer.MIN_VALUE: the mask, not Math.abs, keeps it in range.
    expect(offsetsPartition('polygenelubricants', 10)).toBe(0);
  });
});

/** Java's `(s.hashCode() & 0x7fffffff) % n`, computed independently with 32-bit wrap-around on BigInt. */
function expectedJava(text: string, partitions: number): number {
  let hash = 0n;
  for (const c of text) hash = (hash * 31n + BigInt(c.charCodeAt(0))) & 0xffffffffn;
  return Number((hash & 0x7fffffffn) % BigInt(partitions));
}
