import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { ENVIRONMENTS_DIR } from './paths.js';

// `npm run adopt` records here that the repository is a fork with values of its own, and which environments it set
// up: a placeholder left in one of those is an error from then on (config/placeholders.ts). The reference repository
// has no such file.

export const ADOPTION_FILE = `${ENVIRONMENTS_DIR}/adopted.yaml`;

export interface Adoption {
  /** The fork's repository (every environment's gitops.repoURL). */
  readonly repository: string;
  /** The environments `adopt` has set up, sorted. */
  readonly environments: readonly string[];
}

/** The repository's adoption record, or undefined in the reference repository. */
export function readAdoption(repoRoot: string): Adoption | undefined {
  const file = path.join(repoRoot, ADOPTION_FILE);
  if (!fs.existsSync(file)) return undefined;
  const data: unknown = parse(fs.readFileSync(file, 'utf8'));
  const record = (typeof data === 'object' && data !== null ? data : {}) as Record<string, unknown>;
  const { repository, environments } = record;
  if (
    typeof repository !== 'string' ||
    !Array.isArray(environments) ||
    !environments.every((e): e is string => typeof e === 'string')
  )
    throw new Error(
      `${ADOPTION_FILE} must hold repository (a URL) and environments (a list of names); rerun npm run adopt`,
    );
  return { repository, environments };
}

export function adoptionText(adoption: Adoption): string {
  return [
    '# Written by `npm run adopt` (generators/cli/adopt.ts): this repository is a fork with values of its own. In the',
    '# environments below, a placeholder value of the reference repository is an error (config/placeholders.ts).',
    `repository: ${adoption.repository}`,
    `environments: [${[...adoption.environments].sort().join(', ')}]`,
    '',
  ].join('\n');
}
