import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

/** The files of one side of the diff: the working tree, or a commit read straight from git's object store. */
export interface SideFiles {
  /** Repository-relative paths of the files under a folder, sorted. */
  list(dir: string): string[];
  /** Contents of each file (undefined when absent), read in one go. */
  read(files: readonly string[]): (string | undefined)[];
}

export function git(repoRoot: string, args: string[], input?: string): string {
  return execFileSync('git', args, {
    cwd: repoRoot,
    encoding: 'utf8',
    input,
    stdio: ['pipe', 'pipe', 'pipe'],
    maxBuffer: 512 * 1024 * 1024,
  });
}

/** Tracked and untracked (not ignored) files of the working tree, as they are on disk. */
export function worktreeFiles(repoRoot: string): SideFiles {
  return {
    list(dir) {
      const absolute = path.join(repoRoot, dir);
      if (!fs.existsSync(absolute)) return [];
      return fs
        .readdirSync(absolute, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(repoRoot, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
        .sort();
    },
    read(files) {
      return files.map((file) => {
        const absolute = path.join(repoRoot, file);
        return fs.existsSync(absolute) ? fs.readFileSync(absolute, 'utf8') : undefined;
      });
    },
  };
}

/** The files of a commit: one `git ls-tree` for the listing, one `git cat-file --batch` per read. */
export function commitFiles(repoRoot: string, commit: string): SideFiles {
  const blobs = new Map<string, string>();
  for (const entry of git(repoRoot, ['ls-tree', '-r', '-z', '--full-tree', commit]).split('\0')) {
    const match = /^\d+ blob ([0-9a-f]+)\t(.+)$/s.exec(entry);
    if (match) blobs.set(match[2]!, match[1]!);
  }
  const paths = [...blobs.keys()].sort();
  return {
    list(dir) {
      return paths.filter((p) => p.startsWith(`${dir}/`));
    },
    read(files) {
      const wanted = files.map((f) => blobs.get(f));
      const ids = wanted.filter((id): id is string => id !== undefined);
      if (ids.length === 0) return files.map(() => undefined);
      const output = execFileSync('git', ['cat-file', '--batch'], {
        cwd: repoRoot,
        input: `${ids.join('\n')}\n`,
        maxBuffer: 512 * 1024 * 1024,
      });
      // Each object: `<id> blob <size>\n<content>\n`.
      const contents = new Map<string, string>();
      let offset = 0;
      while (offset < output.length) {
        const headerEnd = output.indexOf(10, offset);
        const [id, , size] = output.subarray(offset, headerEnd).toString('utf8').split(' ');
        const start = headerEnd + 1;
        contents.set(id!, output.subarray(start, start + Number(size)).toString('utf8'));
        offset = start + Number(size) + 1;
      }
      return wanted.map((id) => (id === undefined ? undefined : contents.get(id)));
    },
  };
}
