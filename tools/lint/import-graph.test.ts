import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { findCycles, importGraph } from './import-graph.js';

describe('import cycles', () => {
  it('finds a cycle of three files, and a file importing itself, and nothing in a tree', () => {
    const graph = new Map([
      ['components/argocd.ts', ['output/manifest-files.ts', 'config/paths.ts']],
      ['output/manifest-files.ts', ['render/environment.ts']],
      ['render/environment.ts', ['components/argocd.ts', 'config/paths.ts']],
      ['config/paths.ts', []],
      ['self.ts', ['self.ts']],
    ]);
    expect(findCycles(graph)).toStrictEqual([
      ['components/argocd.ts', 'output/manifest-files.ts', 'render/environment.ts', 'components/argocd.ts'],
      ['self.ts', 'self.ts'],
    ]);
    expect(
      findCycles(
        new Map([
          ['a.ts', ['b.ts']],
          ['b.ts', []],
        ]),
      ),
    ).toStrictEqual([]);
  });

  it('follows the repository imports (`.js` specifiers name `.ts` files, type-only imports included)', () => {
    const graph = importGraph(repoRoot);
    expect(graph.get('config/load.ts')).toContain('config/schema.ts');
    expect(graph.get('generators/output/manifest-files.ts')).toContain('generators/render/environment.ts');
  });

  it('finds none in the repository', () => {
    expect(findCycles(importGraph(repoRoot))).toStrictEqual([]);
  });
});
