import fs from 'node:fs';
import path from 'node:path';
import { RUNTIME_ASSETS } from './assets.js';
import type { ImageTarget } from './image-targets.js';
import { TARGET_ENTRIES, compiledEntry } from './image-targets.js';
import type { Lockfile } from './target-closure.js';
import { entryClosure, packageClosure } from './target-closure.js';

/** What one image holds under its working directory, as paths relative to the built tree. */
export interface TargetFiles {
  /** Compiled files (with their source maps) and runtime asset folders. */
  readonly code: string[];
  /** Installed packages (lockfile keys such as `node_modules/pg`), each copied without its nested node_modules. */
  readonly packages: string[];
}

/** The files of one target, read from a built tree (`root` holds dist/ and node_modules/) and the lockfile. */
export async function targetFiles(
  root: string,
  target: ImageTarget,
  lockfile = path.join(root, 'package-lock.json'),
): Promise<TargetFiles> {
  const closure = await entryClosure(root, TARGET_ENTRIES[target].map(compiledEntry));
  const code = closure.files.flatMap((file) =>
    fs.existsSync(path.join(root, `${file}.map`)) ? [file, `${file}.map`] : [file],
  );
  for (const asset of RUNTIME_ASSETS) {
    if (closure.files.includes(compiledEntry(asset.readBy))) code.push(path.join('dist', asset.folder));
  }
  const lock = JSON.parse(fs.readFileSync(lockfile, 'utf8')) as Lockfile;
  return { code: code.sort(), packages: packageClosure(lock, closure.packages) };
}

/** Copies one target's files from the built tree into `out` (plus package.json: `"type": "module"`). */
export function copyTargetFiles(root: string, files: TargetFiles, out: string): void {
  for (const file of [...files.code, 'package.json']) {
    fs.cpSync(path.join(root, file), path.join(out, file), { recursive: true });
  }
  for (const key of files.packages) {
    const from = path.join(root, key);
    fs.cpSync(from, path.join(out, key), {
      recursive: true,
      // Nested node_modules are packages of their own: copied when the closure holds them.
      filter: (source) => !path.relative(from, source).split(path.sep).includes('node_modules'),
    });
  }
}
