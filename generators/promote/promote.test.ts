import { describe, expect, it } from 'vitest';
import { committedEnvYaml } from '../../config/testing.js';
import { promoteEnvYaml } from './promote.js';

const IMAGES = 'a'.repeat(40);
const REVISION = 'b'.repeat(40);

/** The lines of `after` that differ from `before`, as [before, after] pairs. */
function changedLines(before: string, after: string): [string, string][] {
  const a = before.split('\n');
  const b = after.split('\n');
  expect(b).toHaveLength(a.length);
  return a.flatMap((line, i) => (line === b[i] ? [] : [[line, b[i]!] as [string, string]]));
}

describe('promotion', () => {
  it('changes only the image tag and the synced revision of a pinned environment', () => {
    const before = committedEnvYaml('prod');
    const changed = changedLines(
      before,
      promoteEnvYaml(before, { environment: 'prod', images: IMAGES, revision: REVISION }),
    );
    expect(changed.map(([, after]) => after.trim())).toStrictEqual([`tag: '${IMAGES}'`, `targetRevision: ${REVISION}`]);
  });

  it('leaves dev on main when no revision is given', () => {
    const before = committedEnvYaml('dev');
    const changed = changedLines(before, promoteEnvYaml(before, { environment: 'dev', images: IMAGES }));
    expect(changed.map(([, after]) => after.trim())).toStrictEqual([`tag: '${IMAGES}'`]);
  });

  it('refuses a tag that is not a full git sha', () => {
    expect(() => promoteEnvYaml(committedEnvYaml('dev'), { environment: 'dev', images: '0.1.0' })).toThrow(
      '--images must be a full 40-character git sha, got 0.1.0',
    );
  });
});
