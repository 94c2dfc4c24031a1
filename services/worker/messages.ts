import type { Message } from 'kafkajs';
import type { LedgerEvent } from '../shared/contract/event.js';
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
  readonly source: ConsumedMessage;
}

export type PoisonKind = 'invalid' | 'failed';

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
    if (parsed.ok) valid.push({ event: parsed.event, source });
    else poison.push({ source, kind: 'invalid', error: parsed.error, attempts: 1 });
  }
  return { valid, poison };
}

/** Keeps the first occurrence of each event id: a retried produce can put one event twice in one batch. Pure. */
export function firstOccurrences(events: readonly ValidEvent[]): { unique: ValidEvent[]; repeats: number } {
  const seen = new Set<string>();
  const unique = events.filter((e) => {
    if (seen.has(e.event.id)) return false;
    seen.add(e.event.id);
    return true;
  });
  return { unique, repeats: events.length - unique.length };
}

/** The dead-letter record: the original key and bytes untouched, the error and the origin in headers. Pure. */
export function deadLetterMessage(poison: Poison, failedAt: Date): Message {
  return {
    key: poison.source.key,
    value: poison.source.value,
    headers: {
      [DEAD_LETTER_HEADERS.error]: poison.error,
      [DEAD_LETTER_HEADERS.errorKind]: poison.kind,
      [DEAD_LETTER_HEADERS.attempts]: String(poison.attempts),
      [DEAD_LETTER_HEADERS.originalTopic]: poison.source.topic,
      [DEAD_LETTER_HEADERS.originalPartition]: String(poison.source.partition),
      [DEAD_LETTER_HEADERS.originalOffset]: poison.source.offset,
      [DEAD_LETTER_HEADERS.failedAt]: failedAt.toISOString(),
    },
  };
}
