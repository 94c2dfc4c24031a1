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
 * Semi-spaces are 1/16 of the limit, at most 16 MiB: smaller ones made the API's batches of 100 events markedly
 * slower (more scavenges, each copying the requests in flight; `npm run bench -- --only api`).
 */
export function nodeHeapOptions(memoryLimitMiB: number): string {
  if (!Number.isInteger(memoryLimitMiB) || memoryLimitMiB < 64)
    throw new Error(`a Node container needs a memory limit of at least 64 MiB, got ${memoryLimitMiB} MiB`);
  const semiSpaceMiB = Math.min(16, Math.floor(memoryLimitMiB / 16));
  const oldSpaceMiB = Math.floor(memoryLimitMiB * HEAP_SHARE_OF_LIMIT) - 3 * semiSpaceMiB;
  return `--max-semi-space-size=${semiSpaceMiB} --max-old-space-size=${oldSpaceMiB}`;
}
