import { seededRandom } from '../../drills/chaos/schedule.js';
import type { EventInput, LedgerEvent } from './event.js';
import { parseLedgerEvent } from './parse.js';

// Events generated for the tests that compare a fast path with the generic one: never imported by a service.

// Strings a payload may carry: escapes, quotes, control characters, astral and lone surrogates, keys that sort oddly.
const AWKWARD = [
  '',
  'plain',
  'quote " and \\ back',
  'tab\tnew\nline\u0001',
  'é ü 漢字',
  '😀',
  '\ud800 lone',
  'Z',
  'a',
  '_',
  '10',
  '9',
];

function value(next: () => number, depth: number): unknown {
  const kind = Math.floor(next() * (depth > 2 ? 5 : 7));
  const pick = (): string => AWKWARD[Math.floor(next() * AWKWARD.length)]!;
  switch (kind) {
    case 0:
      return pick();
    case 1:
      return Math.floor(next() * 2e9) - 1e9;
    case 2:
      return next() * 1000 - 500;
    case 3:
      return next() < 0.5 ? null : next() < 0.5;
    case 4:
      return 1e21 * next();
    case 5:
      return Array.from({ length: Math.floor(next() * 4) }, () => value(next, depth + 1));
    default:
      return Object.fromEntries(Array.from({ length: Math.floor(next() * 5) }, () => [pick(), value(next, depth + 1)]));
  }
}

/** A varied event that passed the contract's parser, a pure function of its seed (every optional field, any key order). */
export function generatedLedgerEvent(seed: number): LedgerEvent {
  const next = seededRandom(seed);
  const hex = (n: number): string =>
    Array.from({ length: n }, () => '0123456789abcdef'[Math.floor(next() * 16)]).join('');
  const raw: Record<string, unknown> = {
    id: `${hex(8)}-${hex(4)}-5${hex(3)}-8${hex(3)}-${hex(12)}`,
    type: next() < 0.5 ? 'credit' : 'debit',
    accountId: `acct.${Math.floor(next() * 1e6)}_x-Y`,
    amount: 1 + Math.floor(next() * 1e9),
    occurredAt: new Date(Math.floor(next() * 4e12)).toISOString(),
  };
  if (next() < 0.7) raw.acceptedAt = `2026-12-05T12:00:00.${hex(3).replace(/[a-f]/g, '1')}+01:00`;
  if (next() < 0.6)
    raw.payload = Object.fromEntries(
      Array.from({ length: Math.floor(next() * 6) }, (_, i) => [`${AWKWARD[i % AWKWARD.length]}${i}`, value(next, 0)]),
    );
  // Through the contract's own parser: the fast path is for what validation lets through, in any key order.
  const keys = Object.keys(raw).sort(() => next() - 0.5);
  const parsed = parseLedgerEvent(JSON.stringify(Object.fromEntries(keys.map((k) => [k, raw[k]]))));
  if (!parsed.ok) throw new Error(`seed ${seed}: ${parsed.error}`);
  return parsed.event;
}

/** A varied request body for `POST /events`: a generated event without what the API adds (id, acceptedAt). */
export function generatedEventInput(seed: number): EventInput {
  const input: EventInput & Partial<Pick<LedgerEvent, 'id' | 'acceptedAt'>> = generatedLedgerEvent(seed);
  delete input.id;
  delete input.acceptedAt;
  // A client may leave occurredAt out (the API then stamps the time it accepted the event).
  if (seed % 3 === 0) delete input.occurredAt;
  return input;
}
