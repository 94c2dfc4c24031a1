import { describe, expect, it } from 'vitest';
import { nestingExceeds, parseJsonBody } from './json-body.js';

describe('nestingExceeds', () => {
  it('counts objects and arrays, not brackets inside strings', () => {
    expect(nestingExceeds('{"a":[{"b":1}]}', 3)).toBe(false);
    expect(nestingExceeds('{"a":[{"b":1}]}', 2)).toBe(true);
    expect(nestingExceeds('{"a":"[[[[[[\\"{{{{"}', 1)).toBe(false);
  });

  it('refuses 10,000 levels without recursing', () => {
    expect(nestingExceeds('['.repeat(10_000) + ']'.repeat(10_000), 32)).toBe(true);
  });
});

describe('parseJsonBody', () => {
  it('parses a plain body', () => {
    expect(parseJsonBody('{"type":"credit","amount":1}', 32)).toStrictEqual({ type: 'credit', amount: 1 });
  });

  it.each([
    ['too deep', '{"p":' + '['.repeat(40) + ']'.repeat(40) + '}', /deeper than 32 levels/],
    ['not JSON', '{"type":', /not valid JSON/],
    ['empty', '', /empty/],
    ['prototype poisoning', '{"__proto__":{"admin":true}}', /not valid JSON/],
  ])('refuses a body that is %s with INVALID_JSON', (_name, text, message) => {
    expect(() => parseJsonBody(text, 32)).toThrow(message);
    try {
      parseJsonBody(text, 32);
    } catch (error) {
      expect(error).toMatchObject({ code: 'INVALID_JSON', statusCode: 400 });
    }
  });
});
