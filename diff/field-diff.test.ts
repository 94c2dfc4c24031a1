import { describe, expect, it } from 'vitest';
import { diffObjects } from './field-diff.js';

describe('diffObjects', () => {
  it('reports changed, added and removed fields with their paths', () => {
    expect(
      diffObjects({ spec: { a: 1, b: 2, c: { d: 'x' } } }, { spec: { a: 1, b: 3, c: {}, e: true } }),
    ).toStrictEqual([
      { path: 'spec.b', before: 2, after: 3 },
      { path: 'spec.c.d', before: 'x' },
      { path: 'spec.e', after: true },
    ]);
  });

  it('matches named list entries by name, not position', () => {
    const before = {
      env: [
        { name: 'A', value: '1' },
        { name: 'B', value: '2' },
      ],
    };
    const after = {
      env: [
        { name: 'B', value: '3' },
        { name: 'A', value: '1' },
      ],
    };
    expect(diffObjects(before, after)).toStrictEqual([{ path: 'env[name=B].value', before: '2', after: '3' }]);
  });

  it('shows a renamed container as a change of that container, not a remove and an add of every entry', () => {
    const container = (name: string) => ({
      name,
      image: 'worker:1',
      ports: [{ name: 'metrics', containerPort: 9464 }],
    });
    const before = { containers: [container('worker'), container('sidecar')] };
    const after = { containers: [container('ledger-worker'), container('sidecar')] };
    expect(diffObjects(before, after)).toStrictEqual([
      { path: 'containers[name=worker→ledger-worker].name', before: 'worker', after: 'ledger-worker' },
    ]);
  });

  it('treats unnamed lists as one value', () => {
    expect(diffObjects({ args: ['run', 'a'] }, { args: ['run', 'b'] })).toStrictEqual([
      { path: 'args', before: ['run', 'a'], after: ['run', 'b'] },
    ]);
  });

  it('finds nothing between equal objects', () => {
    expect(diffObjects({ a: [{ name: 'x' }], b: { c: 1 } }, { b: { c: 1 }, a: [{ name: 'x' }] })).toStrictEqual([]);
  });
});
