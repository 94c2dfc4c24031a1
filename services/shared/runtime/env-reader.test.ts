import { describe, expect, it } from 'vitest';
import type { SettingsContract } from '../settings-contract.js';
import { EnvReader } from './env-reader.js';

const CONTRACT = {
  A: { type: 'string', rendered: 'always', description: 'a required string' },
  N: { type: 'integer', min: 1, max: 10, default: 1, rendered: 'always', description: 'a bounded integer' },
  D: { type: 'integer', min: 1, max: 10, default: 7, rendered: 'may', description: 'a tuning knob' },
  L: { type: 'list', default: '', rendered: 'may', description: 'a list' },
  M: { type: 'enum', values: ['before', 'after'], default: 'after', rendered: 'always', description: 'a mode' },
  LOCAL: { type: 'string', optional: true, rendered: 'never', description: 'local runs only' },
  BY_LIBRARY: { type: 'string', optional: true, rendered: 'always', readBy: 'pg', description: 'read by a library' },
} as const satisfies SettingsContract;

function readAll(env: Record<string, string>, strict = false): unknown {
  const read = new EnvReader(env, CONTRACT, { strict });
  return read.done({
    a: read.string('A'),
    n: read.integer('N'),
    d: read.integer('D'),
    l: read.list('L'),
    m: read.oneOf('M'),
    local: read.optionalString('LOCAL'),
  });
}

describe('EnvReader', () => {
  it('reads values and falls back to the declared defaults', () => {
    expect(readAll({ A: 'x', N: '5', L: 'a, b,,c' })).toStrictEqual({
      a: 'x',
      n: 5,
      d: 7,
      l: ['a', 'b', 'c'],
      m: 'after',
      local: undefined,
    });
  });

  it('reports every problem at once, with the declared bounds and values', () => {
    expect(() => readAll({ N: '0', M: 'sideways' })).toThrow(
      "invalid settings:\n  A is required\n  N must be an integer from 1 to 10, got '0'\n  M must be one of before, after, got 'sideways'",
    );
  });

  it('refuses to read a key the contract does not declare', () => {
    const read = new EnvReader({}, CONTRACT);
    expect(() => read.string('B' as never)).toThrow("B is not declared in the service's settings contract");
  });

  it('is lenient outside strict mode: unknown keys are ignored, render-only settings may be missing', () => {
    expect(() => readAll({ A: 'x', UNKNOWN: '1' })).not.toThrow();
  });

  describe('in strict mode (a rendered environment)', () => {
    const rendered = { A: 'x', N: '2', M: 'after', BY_LIBRARY: 'h' };

    it('accepts an environment that sets exactly what the contract asks', () => {
      expect(() => readAll(rendered, true)).not.toThrow();
    });

    it('refuses an unknown key, naming it (a misspelt setting would otherwise run with the default)', () => {
      expect(() => readAll({ ...rendered, N: undefined as never, NN: '2' }, true)).toThrow(
        /NN is set but is no setting of this service \(a misspelt key\?\)\n {2}N is required from the render/,
      );
    });

    it('refuses a missing setting the render must set, even when the service has a default for it', () => {
      expect(() => readAll({ ...rendered, M: undefined as never }, true)).toThrow(
        'M is required from the render (rendered: always) but is not set',
      );
    });

    it('refuses a setting meant for local runs only', () => {
      expect(() => readAll({ ...rendered, LOCAL: 'y' }, true)).toThrow('LOCAL must not be rendered: local runs only');
    });

    it('refuses a declared setting the reader never reads, unless a library reads it', () => {
      const read = new EnvReader(rendered, CONTRACT, { strict: true });
      read.string('A');
      expect(() => read.done({})).toThrow(/N is declared but the reader never reads it/);
      expect(() => read.done({})).not.toThrow(/BY_LIBRARY is declared/);
    });
  });
});
