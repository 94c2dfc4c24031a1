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
  it('gives a retried request with the same caller and key the same id', () => {
    expect(eventId('team-a', 'order-42')).toBe(eventId('team-a', 'order-42'));
  });

  it('gives every event of a batch its own id, stable across retries', () => {
    expect(eventId('team-a', 'batch-7', 0)).not.toBe(eventId('team-a', 'batch-7', 1));
    expect(eventId('team-a', 'batch-7', 1)).toBe(eventId('team-a', 'batch-7', 1));
  });

  it('never lets two callers collide on the same key', () => {
    expect(eventId('team-a', 'order-42')).not.toBe(eventId('team-b', 'order-42'));
  });

  it('is a lower-case UUID, the form every comparison uses', () => {
    expect(eventId('team-a', 'order-42')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('eventId derivation', () => {
  it('derives the very ids earlier releases gave, so a retry across a deploy carries the same ids', () => {
    expect(eventId('team-a', 'order-42')).toBe('b31c7f0b-012c-53f0-8866-e51cd6c9c4c5');
    expect(eventId('anonymous', 'k', 137)).toBe('32396ffe-6e30-534e-8d3b-ed9df2f1975d');
    expect(eventId('tëam', 'ключ', 3)).toBe('b3f0ad5d-1d04-5d84-b5a7-26caf0979ae4');
  });
});
