import { describe, expect, it } from 'vitest';
import { eventId, uuidV5 } from './event-id.js';

describe('uuidV5', () => {
  it('matches the RFC 9562 example for the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('eventId', () => {
  it('gives a retried request with the same idempotency key the same id', () => {
    expect(eventId('order-42')).toBe(eventId('order-42'));
  });

  it('gives every event of a batch its own id, stable across retries', () => {
    expect(eventId('batch-7', 0)).not.toBe(eventId('batch-7', 1));
    expect(eventId('batch-7', 1)).toBe(eventId('batch-7', 1));
  });

  it('gives requests without a key fresh random ids', () => {
    expect(eventId(undefined)).not.toBe(eventId(undefined));
  });
});
