import { describe, expect, it } from 'vitest';
import { EnvReader } from './env-reader.js';

describe('EnvReader', () => {
  it('reads values and falls back to defaults', () => {
    const read = new EnvReader({ A: 'x', N: '5', L: 'a, b,,c' });
    expect(
      read.done({
        a: read.string('A'),
        n: read.integer('N', 1, 1, 10),
        l: read.list('L'),
        d: read.integer('D', 7, 1, 10),
      }),
    ).toStrictEqual({
      a: 'x',
      n: 5,
      l: ['a', 'b', 'c'],
      d: 7,
    });
  });

  it('reports every problem at once', () => {
    const read = new EnvReader({ N: '0', M: 'sideways' });
    read.string('A');
    read.integer('N', 1, 1, 10);
    read.oneOf('M', ['before', 'after'] as const, 'after');
    expect(() => read.done({})).toThrow(
      "invalid settings:\n  A is required\n  N must be an integer from 1 to 10, got '0'\n  M must be one of before, after, got 'sideways'",
    );
  });
});
