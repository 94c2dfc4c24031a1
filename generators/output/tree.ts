import fs from 'node:fs';
import path from 'node:path';

/** A folder the render owns completely, and the exact files it must hold. */
export interface OutputTree {
  /** Repository-relative folder, e.g. environments/dev/manifests. */
  readonly root: string;
  /** File contents keyed by their path relative to `root`. */
  readonly files: ReadonlyMap<string, string>;
  /** True (the default) when no other file may live in `root`; false when the render owns only the listed files. */
  readonly exclusive?: boolean;
}

export type DriftKind = 'changed' | 'missing' | 'extra';

export interface Drift {
  readonly kind: DriftKind;
  /** Repository-relative path of the file. */
  readonly file: string;
}

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
}

/**
 * Compares existing files (path relative to the tree's root → content) with what the render produces: changed,
 * missing and extra files, sorted. Pure.
 */
export function compareTree(tree: OutputTree, existing: ReadonlyMap<string, string>): Drift[] {
  const drift: Drift[] = [];
  for (const [file, content] of tree.files) {
    const current = existing.get(file);
    if (current === undefined) drift.push({ kind: 'missing', file: `${tree.root}/${file}` });
    else if (current !== content) drift.push({ kind: 'changed', file: `${tree.root}/${file}` });
  }
  if (tree.exclusive !== false) {
    for (const file of existing.keys()) {
      if (!tree.files.has(file)) drift.push({ kind: 'extra', file: `${tree.root}/${file}` });
    }
  }
  return drift.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
}

/** Compares what is on disk with what the render produces: changed, missing and extra files. */
export function findDrift(repoRoot: string, tree: OutputTree): Drift[] {
  const dir = path.join(repoRoot, tree.root);
  // A non-exclusive tree owns only its files: the others in its folder are not read.
  const files =
    tree.exclusive === false ? [...tree.files.keys()].filter((f) => fs.existsSync(path.join(dir, f))) : listFiles(dir);
  return compareTree(tree, new Map(files.map((f) => [f, fs.readFileSync(path.join(dir, f), 'utf8')])));
}

/** Makes the folder hold exactly the tree: writes changed and missing files, removes stale ones and empty folders. */
export function writeTree(repoRoot: string, tree: OutputTree): Drift[] {
  const drift = findDrift(repoRoot, tree);
  const dir = path.join(repoRoot, tree.root);
  for (const { kind, file } of drift) {
    const absolute = path.join(repoRoot, file);
    const content = tree.files.get(file.slice(tree.root.length + 1));
    if (kind === 'extra' || content === undefined) {
      fs.rmSync(absolute);
    } else {
      fs.mkdirSync(path.dirname(absolute), { recursive: true });
      fs.writeFileSync(absolute, content);
    }
  }
  removeEmptyFolders(dir);
  return drift;
}

function removeEmptyFolders(dir: string): void {
  if (!fs.existsSync(dir)) return;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const child = path.join(dir, entry.name);
    removeEmptyFolders(child);
    if (fs.readdirSync(child).length === 0) fs.rmdirSync(child);
  }
}
