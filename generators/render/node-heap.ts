/** The share of a container's memory limit V8's whole heap may take. */
export const HEAP_SHARE_OF_LIMIT = 9 / 16;

/**
 * V8's heap bounds for a Node container with this memory limit, as NODE_OPTIONS.
 *
 * Node sizes V8's heap from the host, not from the container: under a 256 MiB limit Node 24 allows a heap of 259 MiB,
 * and a young generation of up to 192 MiB (three 64 MiB semi-spaces) on its own. Under a flood the API's RSS then grew
 * past its limit (`npm run bench -- --only flood`, docs/performance.md) while the live heap stayed near 120 MiB: the
 * kernel would have killed the pod for garbage V8 had not yet collected. Bounded here, V8 collects sooner instead.
 *
 * The whole heap (old space plus the young generation's three semi-spaces) gets 9/16 of the limit; the rest is left to
 * what is not heap, which the flood measured at about 100 MiB (the binary's pages, sockets, buffers, the allocator).
 * How that heap splits between the generations depends on what the process keeps alive (youngGenerationOf).
 */
export function nodeHeapOptions(
  memoryLimitMiB: number,
  youngGeneration: YoungGenerationSize = REQUEST_SERVING,
): string {
  if (!Number.isInteger(memoryLimitMiB) || memoryLimitMiB < 64)
    throw new Error(`a Node container needs a memory limit of at least 64 MiB, got ${memoryLimitMiB} MiB`);
  const semiSpaceMiB = Math.min(
    youngGeneration.maxSemiSpaceMiB,
    Math.floor(memoryLimitMiB * youngGeneration.semiSpaceShareOfLimit),
  );
  const oldSpaceMiB = Math.floor(memoryLimitMiB * HEAP_SHARE_OF_LIMIT) - 3 * semiSpaceMiB;
  return `--max-semi-space-size=${semiSpaceMiB} --max-old-space-size=${oldSpaceMiB}`;
}

/** Each of the young generation's semi-spaces: a share of the container's limit, at most a size. */
export interface YoungGenerationSize {
  readonly semiSpaceShareOfLimit: number;
  readonly maxSemiSpaceMiB: number;
}

/**
 * 1/16 of the limit, at most 16 MiB: smaller semi-spaces made the API's batches of 100 events markedly slower (more
 * scavenges, each copying the requests in flight; `npm run bench -- --only api`). What a request allocates dies with
 * its response, so most of it never leaves the young generation.
 */
export const REQUEST_SERVING: YoungGenerationSize = { semiSpaceShareOfLimit: 1 / 16, maxSemiSpaceMiB: 16 };

/**
 * 1/32 of the limit, at most 8 MiB, for the worker: it keeps each fetched batch (thousands of decoded messages) alive
 * through the batch's transactions, longer than two scavenges whatever the semi-space, so the batch is promoted and
 * dies in the old generation. Its cost is the full collections that clear it, each marking the whole live heap; they
 * come as often as the old generation's room allows, and the 24 MiB the smaller semi-spaces leave go to that room (the
 * worker also lets V8 grow its old generation further: services/worker/heap-growth.ts). `npm run bench -- --only
 * worker` on a 256 MiB limit: 55 full collections in the drain with 16 MiB semi-spaces and V8's own growth, 21 with
 * both changes, and the worker's CPU per event down by about a sixth (docs/performance.md).
 */
export const BATCH_STREAMING: YoungGenerationSize = { semiSpaceShareOfLimit: 1 / 32, maxSemiSpaceMiB: 8 };

/** The young generation a container's process wants, by the container's name. */
export function youngGenerationOf(container: string): YoungGenerationSize {
  return container === 'worker' ? BATCH_STREAMING : REQUEST_SERVING;
}
