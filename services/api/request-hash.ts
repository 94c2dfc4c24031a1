import { hash } from 'node:crypto';
import type { EventInput } from '../shared/contract/event.js';
import { canonicalEventJson } from '../shared/contract/event-hash.js';

/**
 * What an Idempotency-Key is bound to: SHA-256 (hex) of the canonical JSON of `{ route, body }`, written field by field
 * instead of by the generic sorter. It must stay byte for byte `canonicalHash({ route, body })` (request-hash.test.ts):
 * the idempotency records of earlier releases hold hashes of that text, and a retry across a deploy must compare equal.
 */
export function singleRequestHash(body: EventInput): string {
  return hash('sha256', `{"body":${canonicalEventJson(body)},"route":"single"}`, 'hex');
}

/** The same for `POST /events/batch`, whose body is `{ events: [...] }`. */
export function batchRequestHash(body: { readonly events: readonly EventInput[] }): string {
  let events = '';
  for (const event of body.events)
    events += events === '' ? canonicalEventJson(event) : `,${canonicalEventJson(event)}`;
  return hash('sha256', `{"body":{"events":[${events}]},"route":"batch"}`, 'hex');
}
