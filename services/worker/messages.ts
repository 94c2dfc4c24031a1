import type { Message } from 'kafkajs';
import type { LedgerEvent } from '../shared/contract/event.js';
import { ledgerEventHash } from '../shared/contract/event-hash.js';
import { parseLedgerEvent } from '../shared/contract/parse.js';
import { DEAD_LETTER_HEADERS } from '../shared/kafka/headers.js';

/** A message as consumed, with where it came from. */
export interface ConsumedMessage {
  readonly topic: string;
  readonly partition: number;
  readonly offset: string;
  readonly key: Buffer | null;
  readonly value: Buffer | null;
}

/** A message that follows the contract, with its origin (recorded next to the dedup id). */
export interface ValidEvent {
  readonly event: LedgerEvent;
  /** SHA-256 of the event's canonical JSON (ledgerEventHash): a redelivery has the same one; another body reusing the id does not. */
  readonly bodyHash: string;
  readonly source: ConsumedMessage;
}

/** invalid: breaks the contract; failed: the database refused its values; conflict: its id belongs to another body. */
export const POISON_KINDS = ['invalid', 'failed', 'conflict'] as const;
export type PoisonKind = (typeof POISON_KINDS)[number];

/** A message that cannot be applied: it goes to the dead-letter topic, never silently away. */
export interface Poison {
  readonly source: ConsumedMessage;
  readonly kind: PoisonKind;
  readonly error: string;
  readonly attempts: number;
}

/** Splits consumed messages into events that follow the contract and poison that breaks it. Pure. */
export function classifyMessages(messages: readonly ConsumedMessage[]): { valid: ValidEvent[]; poison: Poison[] } {
  const valid: ValidEvent[] = [];
  const poison: Poison[] = [];
  for (const source of messages) {
    const parsed = parseLedgerEvent(source.value);
    if (parsed.ok) valid.push({ event: parsed.event, bodyHash: ledgerEventHash(parsed.event), source });
    else poison.push({ source, kind: 'invalid', error: parsed.error, attempts: 1 });
  }
  return { valid, poison };
}

/**
 * Keeps the first occurrence of each event id: a retried produce can put one event twice in one batch. A later
 * occurrence with the same id and the same body is a repeat; with another body it is a conflict, never a repeat. Pure.
 * A chunk without a repeated id, nearly every one, is returned as it is: the map of first occurrences and the copy of
 * its values were per-chunk garbage for the worker's young generation.
 */
export function firstOccurrences(events: readonly ValidEvent[]): {
  unique: readonly ValidEvent[];
  repeats: number;
  conflicts: ValidEvent[];
} {
  const ids = new Set<string>();
  for (const e of events) {
    if (ids.has(e.event.id)) return firstOccurrencesAmongRepeats(events);
    ids.add(e.event.id);
  }
  return { unique: events, repeats: 0, conflicts: [] };
}

function firstOccurrencesAmongRepeats(events: readonly ValidEvent[]): {
  unique: ValidEvent[];
  repeats: number;
  conflicts: ValidEvent[];
} {
  const first = new Map<string, ValidEvent>();
  const conflicts: ValidEvent[] = [];
  let repeats = 0;
  for (const e of events) {
    const earlier = first.get(e.event.id);
    if (earlier === undefined) first.set(e.event.id, e);
    else if (earlier.bodyHash === e.bodyHash) repeats += 1;
    else conflicts.push(e);
  }
  return { unique: [...first.values()], repeats, conflicts };
}

// Kafka headers travel with the record; an unbounded error text could push a dead letter past the broker's limit.
const MAX_ERROR_HEADER_BYTES = 2048;

/** Cuts `text` to at most `maxBytes` of UTF-8, never inside a character, marking the cut. Pure. */
export function truncateUtf8(text: string, maxBytes: number): string {
  if (Buffer.byteLength(text) <= maxBytes) return text;
  const marker = ' [truncated]';
  let cut = Buffer.from(text)
    .subarray(0, maxBytes - marker.length)
    .toString('utf8');
  if (cut.endsWith('\uFFFD')) cut = cut.slice(0, -1);
  return `${cut}${marker}`;
}

/** The dead-letter record: the original key and bytes untouched, the error and the origin in headers. Pure. */
export function deadLetterMessage(poison: Poison, failedAt: Date): Message {
  return {
    key: poison.source.key,
    value: poison.source.value,
    headers: {
      [DEAD_LETTER_HEADERS.error]: truncateUtf8(poison.error, MAX_ERROR_HEADER_BYTES),
      [DEAD_LETTER_HEADERS.errorKind]: poison.kind,
      [DEAD_LETTER_HEADERS.attempts]: String(poison.attempts),
      [DEAD_LETTER_HEADERS.originalTopic]: poison.source.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(poison.source.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: poison.source.offset,
      [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
    },
  };
}
