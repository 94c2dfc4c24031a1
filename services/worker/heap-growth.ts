import { setFlagsFromString } from 'node:v8';

/**
 * How far past what the last full collection left live V8 lets the old generation grow before it collects it again:
 * 300 % is a factor of 4, V8's own largest, still bounded by the old space NODE_OPTIONS gives (V8 never sets the next
 * limit beyond halfway from the live size to that bound: about 2.8 times at the worker's 28 MB live, 120 MiB bound).
 *
 * The worker promotes every fetched batch (it outlives two scavenges while its chunks' transactions run), and the
 * batch dies in the old generation soon after. Left to itself V8 set the next limit at about twice the live heap and
 * began marking some 20 MB before it, so a full collection, marking the whole live heap on helper threads, came every
 * ten or so megabytes promoted: 55 of them in the bench's drain (V8's helper threads, mostly marking, used 35-39 % of
 * the worker's CPU).
 * `npm run bench -- --only worker` with this and the worker's smaller young generation (generators/render/node-heap.ts):
 * 21 full collections; alternated three times with the commit before, the worker's CPU per event 10.53 -> 8.71 µs
 * (medians, -17 %; docs/performance.md).
 */
export const OLD_GENERATION_GROWTH_PERCENT = 300;

/**
 * Sets the growth for the rest of the process. Set here rather than in NODE_OPTIONS, which Node refuses this flag in,
 * or on the image's command line, which the bench and the local platform (starting the worker from source) would not
 * share; V8 reads it each time it sets a limit, so setting it at start-up is enough (heap-growth.test.ts).
 */
export function letOldGenerationGrow(): void {
  setFlagsFromString(`--heap-growing-percent=${OLD_GENERATION_GROWTH_PERCENT}`);
}
