import fs from 'node:fs';
import path from 'node:path';
import { InvalidConfigError } from './issues.js';
import { parseEnvConfig } from './load.js';
import { environmentFile, repoRoot } from './paths.js';

/** The committed env.yaml of an environment, as text, for tests that edit a copy. */
export function committedEnvYaml(environment: string): string {
  return fs.readFileSync(path.join(repoRoot, environmentFile(environment)), 'utf8');
}

/** What the config loader says of an env.yaml text of `environment`: `path: message` per issue, none when it is valid. */
export function configMessages(yaml: string, environment: string): string[] {
  try {
    parseEnvConfig(yaml, environmentFile(environment), environment);
  } catch (error) {
    if (error instanceof InvalidConfigError) return error.issues.map((i) => `${i.path}: ${i.message}`);
    throw error;
  }
  return [];
}
