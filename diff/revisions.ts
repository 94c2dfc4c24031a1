import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The working tree, as opposed to a committed revision. */
export const WORKTREE = 'WORKTREE';

export interface RenderedSide {
  /** The revision as given (or WORKTREE), and its commit when it is one. */
  readonly label: string;
  readonly dir: string;
  /** Files whose committed content differs from what the side's own generators render (empty when up to date). */
  readonly stale: string[];
}

function git(repoRoot: string, args: string[]): string {
  return execFileSync('git', args, {
    cwd: repoRoot,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  }).trim();
}

export function resolveCommit(repoRoot: string, revision: string): string {
  try {
    return git(repoRoot, ['rev-parse', '--verify', '--quiet', `${revision}^{commit}`]);
  } catch {
    throw new Error(`'${revision}' is not a commit of this repository`);
  }
}

/** The default base: where the current branch left main (or main itself when HEAD is on it). */
export function defaultBase(repoRoot: string): string {
  for (const main of ['main', 'origin/main']) {
    try {
      return git(repoRoot, ['merge-base', main, 'HEAD']);
    } catch {
      // try the next name
    }
  }
  return resolveCommit(repoRoot, 'HEAD');
}

/** Writes the tracked files of a commit, or of the working tree (tracked and untracked, not ignored), into `dir`. */
function materialize(repoRoot: string, revision: string, dir: string): void {
  if (revision === WORKTREE) {
    const files = git(repoRoot, ['ls-files', '-co', '--exclude-standard', '-z']).split('\0').filter(Boolean);
    for (const file of files) {
      const source = path.join(repoRoot, file);
      if (!fs.existsSync(source) || !fs.statSync(source).isFile()) continue;
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.copyFileSync(source, path.join(dir, file));
    }
    return;
  }
  const archive = spawnSync('git', ['archive', '--format=tar', resolveCommit(repoRoot, revision)], {
    cwd: repoRoot,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (archive.status !== 0) throw new Error(`git archive ${revision} failed: ${archive.stderr.toString()}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`unpacking ${revision} failed: ${untar.stderr.toString()}`);
}

function runRender(dir: string, args: string[]): { status: number; output: string } {
  const result = spawnSync(process.execPath, ['--import', 'tsx', 'generators/cli/render.ts', ...args], {
    cwd: dir,
    encoding: 'utf8',
  });
  return { status: result.status ?? 1, output: `${result.stdout}${result.stderr}` };
}

/**
 * Renders a revision from its own source (its generators and its env.yaml, not just its committed output), in a
 * temporary copy, after noting which of its committed files were stale. The dependencies are this checkout's.
 */
export function renderSide(repoRoot: string, revision: string): RenderedSide {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rendered-diff-'));
  materialize(repoRoot, revision, dir);
  fs.rmSync(path.join(dir, 'node_modules'), { recursive: true, force: true });
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  const check = runRender(dir, ['--check']);
  const stale =
    check.status === 0 ? [] : check.output.split('\n').filter((l) => /: (changed|missing|extra) \(/.test(l));
  if (check.status !== 0 && stale.length === 0) throw new Error(`rendering ${revision} failed:\n${check.output}`);
  const render = runRender(dir, []);
  if (render.status !== 0) throw new Error(`rendering ${revision} failed:\n${render.output}`);
  return { label: revision === WORKTREE ? 'working tree' : revision, dir, stale };
}

export function disposeSide(side: RenderedSide): void {
  fs.rmSync(side.dir, { recursive: true, force: true });
}
