import { execFileSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

// The worker's rendered heap bounds under a 256 MiB limit (generators/render/node-heap.ts, BATCH_STREAMING).
const WORKER_HEAP_OPTIONS = '--max-semi-space-size=8 --max-old-space-size=120';

/**
 * The old generation's next limit V8 sets after a full collection that leaves about 25 MB live (the worker's live heap
 * in the drain is about 28 MB), in a Node process started with the worker's heap bounds. V8's trace of a collection
 * reports the limit it ran under, which the collection before it set: so two collections, the second one traced.
 */
function limitAfterFullCollection(grow: boolean): { live: number; limit: number } {
  const moduleUrl = pathToFileURL(new URL('./heap-growth.ts', import.meta.url).pathname).href;
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
  const field = (name: string) => Number(new RegExp(`\\b${name}=(\\d+)`).exec(line)?.[1]);
  return { live: field('end_object_size'), limit: field('old_gen_allocation_limit') };
}

describe('letOldGenerationGrow', () => {
  it('lets the old generation grow to well over twice its live size before collecting it again', () => {
    const { live, limit } = limitAfterFullCollection(true);
    expect(live).toBeGreaterThan(20e6);
    // Four times the live size, bounded by halfway from it to the old space's bound (about 66 MB here).
    expect(limit).toBeGreaterThan(2.5 * live);
  });

  it('is needed: V8 on its own leaves less than half that room', () => {
    const grown = limitAfterFullCollection(true);
    const own = limitAfterFullCollection(false);
    expect(own.limit - own.live).toBeLessThan((grown.limit - grown.live) / 2);
  });
});
