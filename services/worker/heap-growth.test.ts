import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

// The worker's rendered heap bounds under a 256 MiB limit (generators/render/node-heap.test.ts expects the same text).
const WORKER_HEAP_OPTIONS = '--max-semi-space-size=8 --max-old-space-size=120';
const OLD_SPACE_BYTES = 120 * 2 ** 20;

/**
 * The old generation's next limit V8 sets after a full collection that leaves about 25 MB live (the worker's live heap
 * in the drain is about 28 MB), in a Node process started with the worker's heap bounds. V8's trace of a collection
 * reports the limit it ran under, which the collection before it set: so two collections, the second one traced.
 */
function limitAfterFullCollection(grow: boolean): { live: number; limit: number } {
  const moduleUrl = new URL('./heap-growth.ts', import.meta.url).href;
  const script = `
    import v8 from 'node:v8';
    import { letOldGenerationGrow } from ${JSON.stringify(moduleUrl)};
    if (${grow}) letOldGenerationGrow();
    globalThis.kept = Array.from({ length: 70_000 }, (_, i) => ({ text: 'x'.repeat(40) + i, at: [i] }));
    globalThis.gc();
    v8.setFlagsFromString('--trace-gc-nvp');
    globalThis.gc();
  `;
  const out = execFileSync(process.execPath, ['--expose-gc', '--import', 'tsx', '--input-type=module', '-e', script], {
    env: { ...process.env, NODE_OPTIONS: WORKER_HEAP_OPTIONS },
    encoding: 'utf8',
  });
  const line = out.split('\n').find((l) => l.includes('gc=mc'));
  if (line === undefined) throw new Error(`no full collection traced:\n${out}`);
  const field = (name: string) => {
    const value = new RegExp(`\\b${name}=(\\d+)`).exec(line)?.[1];
    if (value === undefined) throw new Error(`V8's trace has no ${name} (another Node?):\n${line}`);
    return Number(value);
  };
  return { live: field('end_object_size'), limit: field('old_gen_allocation_limit') };
}

describe('letOldGenerationGrow', () => {
  it('lets the old generation grow to four times its live size, or halfway to its bound if that is less', () => {
    const { live, limit } = limitAfterFullCollection(true);
    expect(live).toBeGreaterThan(20e6);
    // Halfway here (about 76 MB for 26 MB live): V8 never sets a limit past halfway to the old space's bound.
    expect(limit).toBeGreaterThanOrEqual(0.99 * Math.min(4 * live, (live + OLD_SPACE_BYTES) / 2));
  });

  it('is needed: V8 on its own leaves less than half that room', () => {
    const grown = limitAfterFullCollection(true);
    const own = limitAfterFullCollection(false);
    expect(own.limit - own.live).toBeLessThan((grown.limit - grown.live) / 2);
  });
});
