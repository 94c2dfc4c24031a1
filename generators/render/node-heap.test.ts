import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { HEAP_SHARE_OF_LIMIT, nodeHeapOptions, youngGenerationOf } from './node-heap.js';

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
  const shapes = [128, 256, 512, 1024].flatMap((limit) =>
    (['api', 'worker'] as const).map((container) => [limit, container] as const),
  );
  it.each(shapes)('bounds the heap of a %i MiB container (%s) to its share of the limit', (limit, container) => {
    const bounded = heapLimitMiB(nodeHeapOptions(limit, youngGenerationOf(container)));
    expect(bounded).toBeLessThanOrEqual(limit * HEAP_SHARE_OF_LIMIT);
    // Not needlessly small either: the old space is what the service's live data gets.
    expect(bounded).toBeGreaterThan(limit * HEAP_SHARE_OF_LIMIT - 8);
  });

  it('is needed: without it Node would let the heap alone outgrow a 256 MiB container', () => {
    expect(heapLimitMiB(undefined)).toBeGreaterThan(256);
  });

  it("gives the worker's old space the room of a smaller young generation, and the API its larger one", () => {
    expect(nodeHeapOptions(256, youngGenerationOf('worker'))).toBe('--max-semi-space-size=8 --max-old-space-size=120');
    expect(nodeHeapOptions(256, youngGenerationOf('api'))).toBe('--max-semi-space-size=16 --max-old-space-size=96');
    expect(nodeHeapOptions(512, youngGenerationOf('worker'))).toBe('--max-semi-space-size=8 --max-old-space-size=264');
    expect(nodeHeapOptions(128, youngGenerationOf('worker'))).toBe('--max-semi-space-size=4 --max-old-space-size=60');
  });

  it('refuses a limit too small to run Node in', () => {
    expect(() => nodeHeapOptions(32)).toThrow(/at least 64 MiB/);
    expect(() => nodeHeapOptions(100.5)).toThrow(/at least 64 MiB/);
  });
});
