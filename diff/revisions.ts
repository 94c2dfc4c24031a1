import { readAssets } from '../generators/render/outputs.js';
import type { RenderedSide } from './render-side.js';
import { renderInProcess, renderWithOwnSource } from './render-side.js';
import { commitFiles, git, worktreeFiles } from './side-files.js';

/** The working tree, as opposed to a committed revision. */
export const WORKTREE = 'WORKTREE';

/**
 * Everything the render reads besides env.yaml: its code, the add-on catalog, the config module, the files it may
 * embed, and the dependencies. tools/lint/render-sources.test.ts checks that the render imports nothing else.
 */
export const RENDER_SOURCES = [
  'config',
  'generators',
  'platform-addons',
  'loadtests',
  'package.json',
  'package-lock.json',
];

export function resolveCommit(repoRoot: string, revision: string): string {
  try {
    return git(repoRoot, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]).trim();
  } catch {
    throw new Error(`'${revision}' is not a commit of this repository`);
  }
}

/** The default base: where the current branch left main (or main itself when HEAD is on it). */
export function defaultBase(repoRoot: string): string {
  for (const main of ['main', 'origin/main']) {
    try {
      return git(repoRoot, ['merge-base', main, 'HEAD']).trim();
    } catch {
      // try the next name
    }
  }
  return resolveCommit(repoRoot, 'HEAD');
}

/** True when a commit's render sources are byte for byte those of the working tree (tracked and untracked). */
export function hasWorktreeRenderSources(repoRoot: string, commit: string): boolean {
  try {
    git(repoRoot, ['diff', '--quiet', commit, '--', ...RENDER_SOURCES]);
  } catch {
    return false;
  }
  return git(repoRoot, ['ls-files', '--others', '--exclude-standard', '--', ...RENDER_SOURCES]).trim() === '';
}

/**
 * Renders a revision from its own source (its generators and its env.yaml, not just its committed output), noting
 * which of its committed files are stale when asked. When its generators are the working tree's, that is done in this
 * process from the files in git; otherwise its source is checked out and rendered by its own render command.
 */
export async function renderSide(
  repoRoot: string,
  revision: string,
  options: { stale: boolean },
): Promise<RenderedSide> {
  if (revision === WORKTREE)
    return renderInProcess('working tree', worktreeFiles(repoRoot), readAssets(repoRoot), options);
  const commit = resolveCommit(repoRoot, revision);
  if (hasWorktreeRenderSources(repoRoot, commit))
    return renderInProcess(revision, commitFiles(repoRoot, commit), readAssets(repoRoot), options);
  return renderWithOwnSource(repoRoot, commit, revision, options);
}
