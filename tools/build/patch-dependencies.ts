// `tsx tools/build/patch-dependencies.ts [--check]`: applies patches/*.patch to node_modules (package.json's
// postinstall; images/Dockerfile's build stage). `--check` writes nothing and fails unless every patch is applied.
import path from 'node:path';
import { applyDependencyPatches } from './dependency-patches.js';

const root = path.resolve(import.meta.dirname, '../..');
const check = process.argv.includes('--check');

try {
  const results = applyDependencyPatches(path.join(root, 'patches'), path.join(root, 'node_modules'), {
    dryRun: check,
  });
  for (const { patch, files } of results)
    for (const { file, outcome } of files)
      console.log(`patches/${patch}: ${file} ${check && outcome === 'applied' ? 'not applied' : outcome}`);
  if (check && results.some(({ files }) => files.some((f) => f.outcome !== 'already applied'))) {
    console.error('patches: not every patch is applied to node_modules: run npm ci (or this script without --check)');
    process.exitCode = 1;
  }
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 1;
}
