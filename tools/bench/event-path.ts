// `npm run bench:event-path`: the worker's own work on each consumed event (parse, validate, hash), timed in one
// process without Kafka, PostgreSQL or a second process sharing the cores. The drain (`npm run bench -- --only worker`)
// measures the whole worker, but from run to run it moves by about a tenth on a 2-core machine: a step that saves 3 %
// is visible here and not there. Compare two commits by running this on each, alternated.
import { ledgerEventHash } from '../../services/shared/contract/event-hash.js';
import { partitionKey } from '../../services/shared/contract/event.js';
import { parseLedgerEvent } from '../../services/shared/contract/parse.js';
import type { ConsumedMessage } from '../../services/worker/messages.js';
import { classifyMessages } from '../../services/worker/messages.js';
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

const messages = chunk();
const events = messages.map((m) => {
  const parsed = parseLedgerEvent(m.value);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.event;
});
const steps: [string, () => number][] = [
  ['parse and validate', () => messages.filter((m) => parseLedgerEvent(m.value).ok).length],
  ['hash (canonical JSON, SHA-256)', () => events.reduce((n, e) => n + ledgerEventHash(e).length, 0)],
  ['classify (both, per chunk)', () => classifyMessages(messages).valid.length],
];
console.log(`Node ${process.versions.node}, ${CHUNK} events per chunk, best of ${REPEATS} × ${ROUNDS} chunks`);
for (const [name, step] of steps)
  console.log(`  ${name.padEnd(32)} ${nsPerEvent(step).toFixed(0).padStart(6)} ns per event`);
