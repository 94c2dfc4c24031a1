import { describe, expect, it } from 'vitest';
import { LEDGER_FATE, classifyStatus, ledgerFate } from './outcome.js';

describe('outcomes of an arrival', () => {
  it('counts a 503 or 429 with Retry-After as shedding, and without it as an error', () => {
    expect(classifyStatus(202, false)).toBe('accepted');
    expect(classifyStatus(503, true)).toBe('shed');
    expect(classifyStatus(429, true)).toBe('shed');
    expect(classifyStatus(503, false)).toBe('serverError');
    expect(classifyStatus(500, true)).toBe('serverError');
    expect(classifyStatus(400, false)).toBe('clientError');
  });

  it('requires a 2xx in the ledger, allows a KAFKA_UNAVAILABLE or a lost answer, and forbids a refusal', () => {
    expect(ledgerFate('accepted', 202, undefined)).toBe(LEDGER_FATE.required);
    expect(ledgerFate('shed', 503, 'KAFKA_UNAVAILABLE')).toBe(LEDGER_FATE.optional);
    expect(ledgerFate('transportError', undefined, undefined)).toBe(LEDGER_FATE.optional);
    expect(ledgerFate('serverError', 500, 'INTERNAL')).toBe(LEDGER_FATE.optional);
    expect(ledgerFate('shed', 503, 'OVERLOADED')).toBe(LEDGER_FATE.none);
    expect(ledgerFate('shed', 429, undefined)).toBe(LEDGER_FATE.none);
    expect(ledgerFate('clientError', 422, 'IDEMPOTENCY_KEY_REUSED')).toBe(LEDGER_FATE.none);
    expect(ledgerFate('notSent', undefined, undefined)).toBe(LEDGER_FATE.none);
  });
});
