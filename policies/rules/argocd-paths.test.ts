import { describe, expect, it } from 'vitest';
import { argocdPaths } from './argocd-paths.js';
import { devContext, objectNamed } from './testing.js';

describe('argocd-path-exists', () => {
  it('passes the committed render', () => expect(argocdPaths.check(devContext())).toStrictEqual([]));

  it('flags a path that is a file, not a folder, and ignores other repositories', () => {
    const ctx = devContext();
    objectNamed(ctx, 'Application', 'dev-root').spec.source.path = 'README.md';
    objectNamed(ctx, 'Application', 'dev-keda').spec.source.path = 'does/not/matter';
    expect(argocdPaths.check(ctx).map((f) => f.message)).toStrictEqual([
      "syncs path 'README.md', which is not a folder of this repository",
    ]);
  });
});
