// Part of `npm run build`: copies the files the compiled services read at run time next to them in dist/.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config/paths.js';
import { RUNTIME_ASSETS } from './assets.js';

for (const { folder } of RUNTIME_ASSETS) {
  fs.cpSync(path.join(repoRoot, folder), path.join(repoRoot, 'dist', folder), { recursive: true });
}
