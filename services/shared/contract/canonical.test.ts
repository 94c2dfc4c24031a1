import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson } from './canonical.js';

describe('canonicalJson', () => {
  it('sorts keys at every level, so key order never makes two bodies differ', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { z: 1, y: 0 }], c: null } })).toBe(
      '{"a":{"c":null,"d":[2,{"y":0,"z":1}]},"b":1}',
    );
  });
});

describe('canonicalHash', () => {
  it('is the same for the same value in another key order, and differs for another value', () => {
    expect(canonicalHash({ amount: 1, type: 'credit' })).toBe(canonicalHash({ type: 'credit', amount: 1 }));
    expect(canonicalHash({ amount: 1, type: 'credit' })).not.toBe(canonicalHash({ amount: 2, type: 'credit' }));
  });

  it('is the SHA-256 of the canonical text in hex, as stored hashes of earlier releases are', () => {
    expect(canonicalHash({ type: 'credit', amount: 1 })).toBe(
      'd0e61ca718fc93e257259f3558a8c4d0217c3a2910fd40baac1dbc18c14ce697',
    );
  });
});
