// Part of images/Dockerfile's build stage: `tsx tools/build/stage-targets.ts <out>` writes, for every target, the
// folder its image copies to /app: the compiled code its entry points load and the production packages they import
// (tools/build/target-files.ts), so that no image carries another image's code or dependencies.
import fs from 'node:fs';
import path from 'node:path';
import { IMAGE_TARGETS } from './image-targets.js';
import { copyTargetFiles, targetFiles } from './target-files.js';

const out = process.argv[2];
if (!out) {
  console.error('usage: tsx tools/build/stage-targets.ts <output folder>');
  process.exit(2);
}
const root = process.cwd();
for (const target of IMAGE_TARGETS) {
  const files = await targetFiles(root, target);
  const dir = path.join(out, target);
  fs.rmSync(dir, { recursive: true, force: true });
  copyTargetFiles(root, files, dir);
  console.log(`${target}: ${files.code.length} files of code, ${files.packages.length} packages`);
}
