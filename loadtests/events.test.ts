import { describe, expect, it } from 'vitest';
import { parseLedgerEvent } from '../services/shared/contract/parse.js';
import { eventRequest, idempotencyKey, syntheticEvent } from './events.js';

const shape = { runId: 'abcd1234', accounts: 10, eventsPerRequest: 1 };

describe('synthetic traffic', () => {
  it('gives every request its own idempotency key', () => {
    const keys = new Set(Array.from({ length: 1000 }, (_, n) => eventRequest(shape, n).headers['idempotency-key']));
    expect(keys.size).toBe(1000);
    expect(idempotencyKey('abcd1234', 7)).toBe('load-abcd1234-7');
  });

  it('writes only to synthetic accounts, with events the contract accepts', () => {
    for (let i = 0; i < 50; i += 1) {
      const event = syntheticEvent(shape, i);
      expect(event.accountId).toMatch(/^synthetic\.abcd1234\.\d$/);
      const onTopic = { id: '5f0c1d2e-3a4b-5c6d-8e7f-001122334455', occurredAt: '2026-11-26T08:00:00Z', ...event };
      expect(parseLedgerEvent(JSON.stringify(onTopic)).ok).toBe(true);
    }
  });

  it('numbers batch events consecutively, so request n carries events n·size to n·size + size - 1', () => {
    const batch = eventRequest({ ...shape, eventsPerRequest: 3 }, 2);
    expect(batch.path).toBe('/events/batch');
    expect(JSON.parse(batch.body!)).toStrictEqual({
      events: [syntheticEvent(shape, 6), syntheticEvent(shape, 7), syntheticEvent(shape, 8)],
    });
  });

  it("presents the caller's token where it has one, and no Authorization header otherwise (the local stack)", () => {
    expect(eventRequest({ ...shape, token: 't0ken' }, 0).headers.authorization).toBe('Bearer t0ken');
    expect(eventRequest(shape, 0).headers).not.toHaveProperty('authorization');
  });
});
