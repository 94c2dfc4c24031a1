import { describe, expect, it } from 'vitest';
import { arrayLiteral } from './pg-array.js';

describe('arrayLiteral', () => {
  it('quotes every string, writes numbers and NULL bare', () => {
    expect(arrayLiteral(['a', 'NULL', null, undefined, 3, -7n])).toBe('{"a","NULL",NULL,NULL,3,-7}');
    expect(arrayLiteral([])).toBe('{}');
  });

  it('escapes quotes and backslashes, and nothing else', () => {
    expect(arrayLiteral(['say "hi"', 'c:\\dir', '{,} spaces'])).toBe('{"say \\"hi\\"","c:\\\\dir","{,} spaces"}');
  });
});
