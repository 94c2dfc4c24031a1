import fs from 'node:fs';
import path from 'node:path';
import { environmentFile, repoRoot } from './paths.js';

/** The committed env.yaml of an environment, as text, for tests that edit a copy. */
export function committedEnvYaml(environment: string): string {
  return fs.readFileSync(path.join(repoRoot, environmentFile(environment)), 'utf8');
}
