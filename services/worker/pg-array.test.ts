import { describe, expect, it } from 'vitest';
import { arrayLiteral } from './pg-array.js';

describe('arrayLiteral', () => {
  it('quotes every string, writes numbers and NULL bare', () => {
    expect(arrayLiteral(['a', 'NULL', null, undefined, 3, -7n])).toBe('{"a","NULL",NULL,NULL,3,-7}');
    expect(arrayLiteral([])).toBe('{}');
  });

  it('writes a column of plain strings, or of numbers, as the element-by-element form would', () => {
    expect(arrayLiteral(['a', 'NULL', '{,} spaces', ''])).toBe('{"a","NULL","{,} spaces",""}');
    expect(arrayLiteral([3, -7n, 0, 12.5])).toBe('{3,-7,0,12.5}');
    expect(arrayLiteral(['only'])).toBe('{"only"}');
  });

  it('escapes quotes and backslashes, and nothing else', () => {
    expect(arrayLiteral(['say "hi"', 'c:\\dir', '{,} spaces'])).toBe('{"say \\"hi\\"","c:\\\\dir","{,} spaces"}');
    expect(arrayLiteral(['plain', 'then "one"'])).toBe('{"plain","then \\"one\\""}');
  });

  it('writes NULL for a missing value among strings', () => {
    expect(arrayLiteral(['a', undefined, 'b'])).toBe('{"a",NULL,"b"}');
  });
});
