import { readCapacities } from './autoscaling/capacity.js';
import { compareSides } from './compare.js';
import { readIgnoredFields } from './ignore.js';
import type { DiffReport } from './report.js';
import { WORKTREE, defaultBase, renderSide } from './revisions.js';

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
export async function runDiff(options: DiffOptions): Promise<DiffReport> {
  const base = options.base ?? defaultBase(options.repoRoot);
  const [baseSide, headSide] = await Promise.all([
    renderSide(options.repoRoot, base, { stale: false }),
    renderSide(options.repoRoot, options.head ?? WORKTREE, { stale: true }),
  ]);
  const environments = (
    await compareSides(
      options.repoRoot,
      baseSide,
      headSide,
      readIgnoredFields(options.repoRoot),
      readCapacities(options.repoRoot),
    )
  ).filter((d) => !options.environments?.length || options.environments.includes(d.environment));
  return {
    base: options.base ?? `merge-base ${base.slice(0, 12)}`,
    head: headSide.label,
    staleHead: headSide.stale,
    environments,
  };
}
