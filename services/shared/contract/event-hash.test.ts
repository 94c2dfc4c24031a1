import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson } from './canonical.js';
import type { LedgerEvent } from './event.js';
import { canonicalEventJson, ledgerEventHash } from './event-hash.js';
import { generatedLedgerEvent as event } from './testing.js';

describe('canonicalEventJson', () => {
  it('is the generic canonical JSON of every validated event, byte for byte', () => {
    for (let seed = 1; seed <= 3000; seed += 1) {
      const e = event(seed);
      expect(canonicalEventJson(e), `seed ${seed}`).toBe(canonicalJson(e));
    }
  });

  it('keeps the generic order with and without the optional fields', () => {
    const base: LedgerEvent = {
      id: '5b1c0c39-3b2f-5a51-9a4c-1f1b0e8c7d11',
      type: 'credit',
      accountId: 'a',
      amount: 7,
      occurredAt: '2026-12-05T12:00:00.000Z',
    };
    expect(canonicalEventJson(base)).toBe(
      '{"accountId":"a","amount":7,"id":"5b1c0c39-3b2f-5a51-9a4c-1f1b0e8c7d11","occurredAt":"2026-12-05T12:00:00.000Z","type":"credit"}',
    );
    const full = { ...base, acceptedAt: '2026-12-05T12:00:01.000Z', payload: { b: 1, a: [{ y: 1, x: 2 }] } };
    expect(canonicalEventJson(full)).toBe(canonicalJson(full));
    expect(canonicalEventJson(full).startsWith('{"acceptedAt":')).toBe(true);
  });
});

describe('ledgerEventHash', () => {
  it('is canonicalHash of the event: the dedup records of earlier releases compare equal', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const e = event(seed);
      expect(ledgerEventHash(e)).toBe(canonicalHash(e));
    }
  });
});
