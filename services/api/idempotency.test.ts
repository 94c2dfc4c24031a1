import { describe, expect, it } from 'vitest';
import { requiredIdempotencyKey } from './idempotency.js';

describe('requiredIdempotencyKey', () => {
  it('accepts visible ASCII up to 128 characters', () => {
    expect(requiredIdempotencyKey('order-42:retry/1')).toBe('order-42:retry/1');
  });

  it('refuses a request without a key, saying why it matters', () => {
    expect(() => requiredIdempotencyKey(undefined)).toThrow(/makes a retry safe/);
  });

  it.each([
    ['empty', ''],
    ['too long', 'k'.repeat(129)],
    ['with a space', 'a b'],
    ['repeated header', ['a', 'b']],
  ])('refuses a key that is %s', (_name, raw) => {
    expect(() => requiredIdempotencyKey(raw)).toThrow(expect.objectContaining({ code: 'INVALID_IDEMPOTENCY_KEY' }));
  });
});
