import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** One line of a .dockerignore: a path pattern, or (with `!`) an exception to the patterns before it. */
export interface IgnoreRule {
  readonly pattern: RegExp;
  /** The pattern's literal start (up to its first wildcard): an exception can only match under it. */
  readonly prefix: string;
  readonly exception: boolean;
}

function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i]!;
    if (c === '*' && glob[i + 1] === '*') {
      const slash = glob[i + 2] === '/';
      source += slash ? '(?:.*/)?' : '.*';
      i += slash ? 2 : 1;
    } else if (c === '*') source += '[^/]*';
    else if (c === '?') source += '[^/]';
    else source += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`);
}

/** The rules of a .dockerignore file (comments and blank lines skipped, leading `/` and `./` dropped). */
export function parseDockerignore(text: string): IgnoreRule[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => {
      const exception = line.startsWith('!');
      const glob = path.posix.normalize((exception ? line.slice(1) : line).trim()).replace(/^\/+/, '');
      return { pattern: globToRegExp(glob), prefix: glob.split(/[*?[]/)[0]!, exception };
    });
}

/**
 * Whether the builder leaves a path (relative, with `/`) out of the context, as Docker decides it: the last rule
 * that matches the path or one of its parent folders wins.
 */
export function isIgnored(file: string, rules: readonly IgnoreRule[]): boolean {
  const parts = file.split('/');
  const candidates = parts.map((_, i) => parts.slice(0, i + 1).join('/'));
  let ignored = false;
  for (const rule of rules) {
    if (candidates.some((candidate) => rule.pattern.test(candidate))) ignored = !rule.exception;
  }
  return ignored;
}

/** Every file the builder sends from `root` under these rules, sorted (symbolic links are not followed). */
export function contextFiles(root: string, rules: readonly IgnoreRule[]): string[] {
  const files: string[] = [];
  const exceptions = rules.filter((r) => r.exception);
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
      const rel = dir === '' ? entry.name : `${dir}/${entry.name}`;
      const ignored = isIgnored(rel, rules);
      if (entry.isDirectory()) {
        // An ignored folder is skipped unless an exception names something inside it.
        if (!ignored || exceptions.some((r) => r.prefix.startsWith(`${rel}/`))) walk(rel);
      } else if (!ignored) files.push(rel);
    }
  };
  walk('');
  return files.sort();
}

/** One hash over the files' paths, executable bits and contents. */
export function hashFiles(root: string, files: readonly string[]): string {
  const hash = crypto.createHash('sha256');
  for (const file of files) {
    const full = path.join(root, file);
    const executable = (fs.statSync(full).mode & 0o111) !== 0;
    hash.update(`${file}\0${executable ? 'x' : '-'}\0`);
    hash.update(crypto.createHash('sha256').update(fs.readFileSync(full)).digest('hex'));
    hash.update('\n');
  }
  return hash.digest('hex');
}

/** The hash of a build context: the files of `root` that `root/.dockerignore` lets through. */
export function contextHash(root: string): { hash: string; files: number } {
  const ignoreFile = path.join(root, '.dockerignore');
  const rules = fs.existsSync(ignoreFile) ? parseDockerignore(fs.readFileSync(ignoreFile, 'utf8')) : [];
  const files = contextFiles(root, rules);
  return { hash: hashFiles(root, files), files: files.length };
}
