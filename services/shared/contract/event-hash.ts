import { hash } from 'node:crypto';
import { canonicalJson } from './canonical.js';
import type { EventInput, LedgerEvent } from './event.js';

/** An event's fields as a client sends them (EventInput) or as they travel (LedgerEvent): the API hashes the former. */
export type EventFields = EventInput & Partial<Pick<LedgerEvent, 'id' | 'acceptedAt'>>;

/**
 * A string field of a validated event as JSON. The contract lets none of them carry a character JSON escapes (ids
 * and account ids match patterns of letters, digits and `_.-:`, types are an enum, date-times are digits and `-:.+Tt
 * Zz`), except one: ajv-formats' `date-time` takes any white space as the separator between date and time, a tab or
 * a line feed among them, and it sits at index 10. So the text goes between quotes as it is, instead of through
 * JSON.stringify, which was most of the time the canonical text took (event-hash.test.ts puts awkward characters at
 * every position of every field, and every UTF-16 code unit at index 10, through the parser).
 */
function validatedString(text: string): string {
  return isPlain(text) ? `"${text}"` : JSON.stringify(text);
}

/** True when `validatedString` would write the text between quotes as it is. */
function isPlain(text: string): boolean {
  return !(text.charCodeAt(10) < 0x20);
}

/**
 * The canonical JSON of an event that passed the contract's validation, written field by field in the canonical key
 * order instead of by the generic sorter: the worker hashes every event it consumes, and the generic path (sort every
 * object's keys, test every string for escapes) was a tenth of its CPU (`npm run bench -- --only worker --cpu-profile`).
 * The text is byte for byte the one `canonicalJson` gives (event-hash.test.ts compares them on varied events): the
 * dedup records of earlier releases hold hashes of that text. Only the free-form payload takes the generic path.
 * The API writes the events of each request body with it too (without id and acceptedAt, which it adds later).
 *
 * The shape every consumed event has (id, both times, no payload) is written by one `join` of its pieces: one flat
 * string, where appending piece by piece left a rope of small strings for the garbage collector, about a kilobyte per
 * event (`npm run bench:event-path`); in the drain, scavenges come as often as the worker allocates.
 */
export function canonicalEventJson(event: EventFields): string {
  const { acceptedAt, accountId, id, occurredAt, type } = event;
  if (
    acceptedAt !== undefined &&
    id !== undefined &&
    occurredAt !== undefined &&
    event.payload === undefined &&
    isPlain(acceptedAt) &&
    isPlain(accountId) &&
    isPlain(id) &&
    isPlain(occurredAt) &&
    isPlain(type)
  )
    // Keys in the order the generic sorter puts them (UTF-16 code units): "acceptedAt" before "accountId".
    return [
      '{"acceptedAt":"',
      acceptedAt,
      '","accountId":"',
      accountId,
      '","amount":',
      event.amount,
      ',"id":"',
      id,
      '","occurredAt":"',
      occurredAt,
      '","type":"',
      type,
      '"}',
    ].join('');
  return canonicalEventJsonByPieces(event);
}

function canonicalEventJsonByPieces(event: EventFields): string {
  let text = '{';
  if (event.acceptedAt !== undefined) text += `"acceptedAt":${validatedString(event.acceptedAt)},`;
  text += `"accountId":${validatedString(event.accountId)},"amount":${event.amount}`;
  if (event.id !== undefined) text += `,"id":${validatedString(event.id)}`;
  if (event.occurredAt !== undefined) text += `,"occurredAt":${validatedString(event.occurredAt)}`;
  if (event.payload !== undefined) text += `,"payload":${canonicalJson(event.payload)}`;
  return `${text},"type":${validatedString(event.type)}}`;
}

/** `canonicalHash(event)` for a validated event: SHA-256 of its canonical JSON, hex, in one call to the hash. */
export function ledgerEventHash(event: LedgerEvent): string {
  return hash('sha256', canonicalEventJson(event), 'hex');
}
