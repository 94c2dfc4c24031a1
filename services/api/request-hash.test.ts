import { describe, expect, it } from 'vitest';
import { canonicalHash } from '../shared/contract/canonical.js';
import { generatedEventInput } from '../shared/contract/testing.js';
import { batchRequestHash, singleRequestHash } from './request-hash.js';

describe('singleRequestHash', () => {
  it("is the generic canonical hash of { route: 'single', body } for every validated body", () => {
    for (let seed = 1; seed <= 2000; seed += 1) {
      const body = generatedEventInput(seed);
      expect(singleRequestHash(body), `seed ${seed}`).toBe(canonicalHash({ route: 'single', body }));
    }
  });

  it('gives the hash earlier releases recorded for a body', () => {
    // canonicalHash of {"body":{"accountId":"acct-1","amount":250,"type":"credit"},"route":"single"}
    expect(singleRequestHash({ type: 'credit', accountId: 'acct-1', amount: 250 })).toBe(
      '82ea8eb9e8a2714fd1b6b3ad0d499d3aa0ce06f912e7cf543dd9b6c3bfe46f72',
    );
  });
});

describe('batchRequestHash', () => {
  it("is the generic canonical hash of { route: 'batch', body } for batches of 1 to 40 varied events", () => {
    for (let seed = 1; seed <= 300; seed += 1) {
      const body = { events: Array.from({ length: 1 + (seed % 40) }, (_, i) => generatedEventInput(seed * 100 + i)) };
      expect(batchRequestHash(body), `seed ${seed}`).toBe(canonicalHash({ route: 'batch', body }));
    }
  });

  it('tells a batch from a single event with the same event', () => {
    const event = generatedEventInput(7);
    expect(batchRequestHash({ events: [event] })).not.toBe(singleRequestHash(event));
  });
});
