import { describe, expect, it } from 'vitest';
import { balanceDelta } from './event.js';
import { parseLedgerEvent } from './parse.js';

const valid = {
  id: '2ed6657d-e927-568b-95e1-2665a8aea6a2',
  type: 'credit',
  accountId: 'acc-1',
  amount: 250,
  occurredAt: '2026-11-23T10:00:00.000Z',
};

describe('parseLedgerEvent', () => {
  it('accepts an event that follows the contract', () => {
    expect(parseLedgerEvent(Buffer.from(JSON.stringify(valid)))).toStrictEqual({ ok: true, event: valid });
  });

  it('lower-cases an id with any upper-case letter, drops the urn prefix, and leaves a lower-case one as it is', () => {
    const idOf = (id: string) => {
      const result = parseLedgerEvent(JSON.stringify({ ...valid, id }));
      if (!result.ok) throw new Error(result.error);
      return result.event.id;
    };
    for (const letter of 'ABCDEF')
      expect(idOf(valid.id.replace('e', letter))).toBe(valid.id.replace('e', letter.toLowerCase()));
    // The contract's uuid format takes the urn form, PostgreSQL's uuid type does not: with it, the event was
    // dead-lettered as a failure to apply instead of applied (or refused as breaking the contract).
    expect(idOf('URN:UUID:2ED6657D-E927-568B-95E1-2665A8AEA6A2')).toBe(valid.id);
    expect(idOf(`urn:uuid:${valid.id}`)).toBe(valid.id);
    expect(idOf(valid.id)).toBe(valid.id);
  });

  it('rejects a value that is not JSON, saying so', () => {
    const result = parseLedgerEvent(Buffer.from('{not json'));
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(/^value is not JSON: /);
  });

  it('rejects a tombstone (no value)', () => {
    expect(parseLedgerEvent(null)).toStrictEqual({ ok: false, error: 'message has no value' });
  });

  it('names every broken field', () => {
    const result = parseLedgerEvent(JSON.stringify({ ...valid, amount: -5, id: 'nope', extra: true }));
    expect(result.ok).toBe(false);
    const error = result.ok ? '' : result.error;
    expect(error).toContain('/id must match format "uuid"');
    expect(error).toContain('/amount must be >= 1');
    expect(error).toContain('must NOT have additional properties');
  });
});

describe('balanceDelta', () => {
  it('credits add and debits subtract', () => {
    expect(balanceDelta({ type: 'credit', amount: 5 })).toBe(5);
    expect(balanceDelta({ type: 'debit', amount: 5 })).toBe(-5);
  });
});
