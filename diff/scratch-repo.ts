import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// Throw-away git repositories holding this repository's files, for the diff's tests and the review benchmark: a
// change can be made, rendered and reviewed there without touching the real working tree.

const IDENTITY = ['-c', 'user.name=review', '-c', 'user.email=review@example.com'];

export function gitIn(root: string, ...args: string[]): string {
  return execFileSync('git', [...IDENTITY, ...args], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
}

/**
 * A new repository with one new commit on main: the tracked files of `source`'s working tree, or of a commit of it
 * when `revision` is given, on top of that commit's history. Dependencies and tool caches are the source's, linked.
 */
export function scratchRepo(source: string, revision?: string): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'review-repo-'));
  if (revision) {
    const archive = path.join(root, '.source.tar');
    execFileSync('git', ['archive', '--format=tar', '-o', archive, revision], { cwd: source });
    execFileSync('tar', ['-x', '-f', archive], { cwd: root });
    fs.rmSync(archive);
  } else {
    const files = execFileSync('git', ['ls-files', '-z'], { cwd: source, encoding: 'utf8' })
      .split('\0')
      .filter(Boolean);
    for (const file of files) {
      if (!fs.existsSync(path.join(source, file))) continue;
      fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
      fs.copyFileSync(path.join(source, file), path.join(root, file));
    }
  }
  for (const linked of ['node_modules', '.cache'])
    if (fs.existsSync(path.join(source, linked)))
      fs.symlinkSync(path.join(source, linked), path.join(root, linked), 'dir');
  gitIn(root, 'init', '-q', '-b', 'main');
  gitIn(root, 'add', '-A');
  // The one commit's parent is the source's commit, its history borrowed (not copied) through git's alternates, so
  // what needs history there (the promoted revisions' rule of npm run check) sees the source's.
  const objects = path.resolve(source, gitIn(source, 'rev-parse', '--git-common-dir').trim(), 'objects');
  fs.writeFileSync(path.join(root, '.git/objects/info/alternates'), `${objects}\n`);
  const parent = gitIn(source, 'rev-parse', `${revision ?? 'HEAD'}^{commit}`).trim();
  const tree = gitIn(root, 'write-tree').trim();
  const commit = gitIn(root, 'commit-tree', tree, '-p', parent, '-m', 'base').trim();
  gitIn(root, 'update-ref', 'refs/heads/main', commit);
  return root;
}

/** Replaces text in a file of the repository; fails when the text is not there. */
export function editFile(root: string, file: string, from: string | RegExp, to: string): void {
  const absolute = path.join(root, file);
  const text = fs.readFileSync(absolute, 'utf8');
  const edited = text.replace(from, to);
  if (edited === text) throw new Error(`${String(from)} not found in ${file}`);
  fs.writeFileSync(absolute, edited);
}

/** Re-renders the repository with its own render command. */
export function rerender(root: string): void {
  execFileSync(process.execPath, ['--import', 'tsx', 'generators/cli/render.ts'], { cwd: root, stdio: 'pipe' });
}
