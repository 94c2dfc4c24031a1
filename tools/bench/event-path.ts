// `npm run bench:event-path`: the worker's own work on each consumed event (parse, validate, hash, the chunk's
// statement parameters), timed in one process without Kafka, PostgreSQL or a second process sharing the cores, with
// the bytes each step allocates per event, which no timing of the steps shows: in the drain, scavenges come as often
// as the worker allocates (`npm run bench -- --only worker` prints its collections). The drain
// measures the whole worker, but from run to run it moves by about a tenth on a 2-core machine: a step that saves 3 %
// is visible here and not there. Compare two commits by running this on each, alternated.
import { ledgerEventHash } from '../../services/shared/contract/event-hash.js';
import { partitionKey } from '../../services/shared/contract/event.js';
import { parseLedgerEvent } from '../../services/shared/contract/parse.js';
import type { ConsumedMessage } from '../../services/worker/messages.js';
import { classifyMessages } from '../../services/worker/messages.js';
import { applyParameters } from '../../services/worker/ledger-store.js';
import { getHeapSpaceStatistics } from 'node:v8';
import { topicEvent } from './worker-drain.js';

const CHUNK = 500;
const ROUNDS = 2000;
const REPEATS = 5;

/** A chunk of the events the bench's drain consumes, as the worker receives them. */
function chunk(): ConsumedMessage[] {
  const shape = { runId: 'eventpath', accounts: 1000, eventsPerRequest: 1 };
  const at = new Date().toISOString();
  return Array.from({ length: CHUNK }, (_, i) => {
    const event = topicEvent(shape, i, at);
    const value = Buffer.from(JSON.stringify(event));
    return { topic: 'events.v1', partition: 0, offset: String(i), key: Buffer.from(partitionKey(event)), value };
  });
}

/** Nanoseconds per event of `step` over every message of the chunk: the best of REPEATS runs of ROUNDS chunks. */
function nsPerEvent(step: () => number): number {
  let best = Infinity;
  let sink = 0;
  for (let r = 0; r < REPEATS; r += 1) {
    const start = process.hrtime.bigint();
    for (let k = 0; k < ROUNDS; k += 1) sink += step();
    best = Math.min(best, Number(process.hrtime.bigint() - start) / ROUNDS / CHUNK);
  }
  if (sink === 0) throw new Error('no step did any work');
  return best;
}

/** Bytes on V8's heap, and on its young generation alone (which shrinks when a scavenge ran). */
function heapBytes(): { all: number; young: number } {
  let all = 0;
  let young = 0;
  for (const space of getHeapSpaceStatistics()) {
    all += space.space_used_size;
    if (space.space_name === 'new_space') young = space.space_used_size;
  }
  return { all, young };
}

/**
 * Bytes `step` allocates per event: the heap's growth over one chunk, the median of chunks no collection ran in
 * (the young generation only grows while none runs). What the step returns is kept until the reading, as the drain
 * keeps a chunk's results until its statement is answered.
 */
function bytesPerEvent(step: () => unknown): number {
  const samples: number[] = [];
  for (let tries = 0; samples.length < 50 && tries < 1000; tries += 1) {
    const before = heapBytes();
    const kept = step();
    const after = heapBytes();
    if (kept !== undefined && after.young >= before.young) samples.push((after.all - before.all) / CHUNK);
  }
  if (samples.length === 0) throw new Error('a collection ran during every chunk: no allocation reading');
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

/** The chunk's statement parameters as node-postgres takes them: it measures each with Buffer.byteLength first. */
function writtenParameters(events: Parameters<typeof applyParameters>[0]): string[] {
  const parameters = applyParameters(events);
  for (const parameter of parameters) Buffer.byteLength(parameter);
  return parameters;
}

const messages = chunk();
const events = messages.map((m) => {
  const parsed = parseLedgerEvent(m.value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.event;
});
const valid = classifyMessages(messages).valid;
const steps: [string, () => unknown, (result: unknown) => number][] = [
  ['parse and validate', () => messages.map((m) => parseLedgerEvent(m.value)), (r) => (r as unknown[]).length],
  ['hash (canonical JSON, SHA-256)', () => events.map((e) => ledgerEventHash(e)), (r) => (r as unknown[]).length],
  ['classify (both, per chunk)', () => classifyMessages(messages), (r) => (r as { valid: unknown[] }).valid.length],
  ['statement parameters', () => writtenParameters(valid), (r) => (r as string[]).length],
];
console.log(`Node ${process.versions.node}, ${CHUNK} events per chunk, best of ${REPEATS} × ${ROUNDS} chunks`);
for (const [name, step, size] of steps) {
  const ns = nsPerEvent(() => size(step()));
  const bytes = bytesPerEvent(step);
  console.log(`  ${name.padEnd(32)} ${ns.toFixed(0).padStart(6)} ns ${bytes.toFixed(0).padStart(6)} bytes per event`);
}
