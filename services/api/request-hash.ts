import { hash } from 'node:crypto';
import type { EventInput } from '../shared/contract/event.js';
import { canonicalEventJson } from '../shared/contract/event-hash.js';

/**
 * What an Idempotency-Key is bound to: SHA-256 (hex) of the canonical JSON of `{ route, body }`, the route's name and
 * the body as validated. It is written here field by field for the two bodies the routes accept, byte for byte the
 * generic `canonicalHash({ route, body })` (request-hash.test.ts compares them on varied bodies): the idempotency
 * records of earlier releases hold hashes of that text, and a retry across a deploy must compare equal. The generic
 * sorter was a twentieth of the API's CPU in a profile (`npm run bench -- --only api --cpu-profile DIR`).
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
