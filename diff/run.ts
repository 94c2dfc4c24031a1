import { compareRendered } from './compare.js';
import { readIgnoredFields } from './ignore.js';
import type { DiffReport } from './report.js';
import { WORKTREE, defaultBase, disposeSide, renderSide } from './revisions.js';

export interface DiffOptions {
  readonly repoRoot: string;
  /** A revision; the merge base with main by default. */
  readonly base?: string;
  /** A revision; the working tree by default. */
  readonly head?: string;
  /** Environments to report; all by default. */
  readonly environments?: readonly string[];
}

/** Renders both sides from their own source and compares them. */
export function runDiff(options: DiffOptions): DiffReport {
  const base = options.base ?? defaultBase(options.repoRoot);
  const baseSide = renderSide(options.repoRoot, base);
  try {
    const headSide = renderSide(options.repoRoot, options.head ?? WORKTREE);
    try {
      const environments = compareRendered(
        options.repoRoot,
        baseSide.dir,
        headSide.dir,
        readIgnoredFields(options.repoRoot),
      ).filter((d) => !options.environments?.length || options.environments.includes(d.environment));
      return {
        base: options.base ?? `merge-base ${base.slice(0, 12)}`,
        head: headSide.label,
        staleHead: headSide.stale,
        environments,
      };
    } finally {
      disposeSide(headSide);
    }
  } finally {
    disposeSide(baseSide);
  }
}
