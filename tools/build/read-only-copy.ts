import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../../config/paths.js';
import { RUNTIME_ASSETS } from './assets.js';

/**
 * The compiled services as images/Dockerfile's build stage makes them: dist/ from `tsconfig.build.json`, the runtime
 * assets, package.json (for "type": "module") and the dependencies, in a folder of its own, then made read-only. (Each
 * image then holds its own part of it: tools/build/target-files.ts.)
 */
export function buildReadOnlyCopy(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'built-services-'));
  execFileSync(
    process.execPath,
    [
      path.join(repoRoot, 'node_modules/typescript/bin/tsc'),
      '-p',
      'tsconfig.build.json',
      '--outDir',
      path.join(root, 'dist'),
    ],
    { cwd: repoRoot, stdio: 'pipe' },
  );
  for (const { folder } of RUNTIME_ASSETS)
    fs.cpSync(path.join(repoRoot, folder), path.join(root, 'dist', folder), { recursive: true });
  fs.copyFileSync(path.join(repoRoot, 'package.json'), path.join(root, 'package.json'));
  fs.symlinkSync(path.join(repoRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir');
  execFileSync('chmod', ['-R', 'a-w', root]);
  return root;
}

/** Every file under the copy with its size and modification time: equal before and after means nothing was written. */
export function fingerprint(root: string): string[] {
  return fs
    .readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => !e.parentPath.includes('node_modules') && e.name !== 'node_modules')
    .map((e) => {
      const file = path.join(e.parentPath, e.name);
      const stat = fs.lstatSync(file);
      return `${path.relative(root, file)} ${stat.size} ${stat.mtimeMs}`;
    })
    .sort();
}

export function removeReadOnlyCopy(root: string): void {
  execFileSync('chmod', ['-R', 'u+w', root]);
  fs.rmSync(root, { recursive: true, force: true });
}
