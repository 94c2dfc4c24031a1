import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_SHARE_OF_LIMIT, nodeHeapOptions } from './node-heap.js';

/** V8's heap limit in MiB of a Node process started with these NODE_OPTIONS (the way a container starts it). */
function heapLimitMiB(nodeOptions: string | undefined): number {
  const out = execFileSync(
    process.execPath,
    ['-e', 'process.stdout.write(String(require("v8").getHeapStatistics().heap_size_limit))'],
    { env: { PATH: process.env.PATH, ...(nodeOptions === undefined ? {} : { NODE_OPTIONS: nodeOptions }) } },
  );
  return Number(out) / 2 ** 20;
}

describe('nodeHeapOptions', () => {
  it.each([128, 256, 512, 1024])('bounds the heap of a %i MiB container to its share of the limit', (limit) => {
    const bounded = heapLimitMiB(nodeHeapOptions(limit));
    expect(bounded).toBeLessThanOrEqual(limit * HEAP_SHARE_OF_LIMIT);
    // Not needlessly small either: the old space is what the service's live data gets.
    expect(bounded).toBeGreaterThan(limit * HEAP_SHARE_OF_LIMIT - 8);
  });

  it('is needed: without it Node would let the heap alone outgrow a 256 MiB container', () => {
    expect(heapLimitMiB(undefined)).toBeGreaterThan(256);
  });

  it('refuses a limit too small to run Node in', () => {
    expect(() => nodeHeapOptions(32)).toThrow(/at least 64 MiB/);
    expect(() => nodeHeapOptions(100.5)).toThrow(/at least 64 MiB/);
  });
});
