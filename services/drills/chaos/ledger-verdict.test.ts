import { describe, expect, it } from 'vitest';
import type { LedgerEffect, SentEvent } from './ledger-verdict.js';
import { exactlyOnceHolds, judgeExactlyOnce } from './ledger-verdict.js';

const event = (id: string, overrides: Partial<SentEvent> = {}): SentEvent => ({
  id,
  type: 'credit',
  accountId: 'drill-a',
  amount: 10,
  acknowledged: true,
  mayBeApplied: true,
  ...overrides,
});
const effect = (id: string, amount = 10n, accountId = 'drill-a'): LedgerEffect => ({ eventId: id, accountId, amount });

describe('judgeExactlyOnce', () => {
  it('holds when every acknowledged event has one effect and the balance is their sum', () => {
    const verdict = judgeExactlyOnce(
      [event('e1'), event('e2')],
      [effect('e1'), effect('e2')],
      new Map([['drill-a', 20n]]),
    );
    expect(exactlyOnceHolds(verdict)).toBe(true);
    expect(verdict.applied).toBe(2);
  });

  it('names an event applied twice, and the balance it inflated', () => {
    const verdict = judgeExactlyOnce(
      [event('e1'), event('e2')],
      [effect('e1'), effect('e2'), effect('e2')],
      new Map([['drill-a', 30n]]),
    );
    expect(verdict.duplicatedEvents).toStrictEqual(['e2']);
    expect(verdict.duplicatedEffects).toBe(1);
    expect(verdict.balanceMismatches).toStrictEqual(['drill-a']);
    expect(exactlyOnceHolds(verdict)).toBe(false);
  });

  it('names an acknowledged event that was never applied', () => {
    const verdict = judgeExactlyOnce([event('e1'), event('e2')], [effect('e1')], new Map([['drill-a', 10n]]));
    expect(verdict.lostEvents).toStrictEqual(['e2']);
    expect(exactlyOnceHolds(verdict)).toBe(false);
  });

  it('accepts an unanswered event that may have been applied, once, and counts it in the balance', () => {
    const verdict = judgeExactlyOnce(
      [event('e1'), event('e2', { acknowledged: false, mayBeApplied: true })],
      [effect('e1'), effect('e2')],
      new Map([['drill-a', 20n]]),
    );
    expect(exactlyOnceHolds(verdict)).toBe(true);
    expect(verdict.appliedWithoutAnswer).toBe(1);
  });

  it('refuses an effect of an event the API said it did not accept', () => {
    const verdict = judgeExactlyOnce(
      [event('e1', { acknowledged: false, mayBeApplied: false })],
      [effect('e1')],
      new Map([['drill-a', 10n]]),
    );
    expect(verdict.unexpectedEvents).toStrictEqual(['e1']);
    expect(exactlyOnceHolds(verdict)).toBe(false);
  });

  it('subtracts debits from the expected balance', () => {
    const verdict = judgeExactlyOnce(
      [event('e1'), event('e2', { type: 'debit', amount: 4 })],
      [effect('e1'), effect('e2', -4n)],
      new Map([['drill-a', 6n]]),
    );
    expect(verdict.balanceMismatches).toStrictEqual([]);
  });
});
