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
});
