import fs from 'node:fs';
import path from 'node:path';
import { replaceScalar } from '../edit/yaml-text.js';

export interface Promotion {
  readonly environment: string;
  /** The git sha whose images the environment runs (`images.tag`). */
  readonly images: string;
  /** The revision Argo CD syncs (`gitops.targetRevision`); unchanged when absent (dev follows main). */
  readonly revision?: string;
}

const SHA = /^[0-9a-f]{40}$/;

/**
 * Promotion is a change of env.yaml and nothing else: the images' git sha and, for pinned environments, the git
 * revision Argo CD syncs. Comments and layout are kept, so the pull request shows exactly those lines (and the
 * rendered diff the image references they change).
 */
export function promoteEnvYaml(source: string, promotion: Promotion): string {
  if (!SHA.test(promotion.images))
    throw new Error(`--images must be a full 40-character git sha, got ${promotion.images}`);
  if (promotion.revision !== undefined && !SHA.test(promotion.revision))
    throw new Error(`--revision must be a full 40-character git sha, got ${promotion.revision}`);
  const edits: [readonly string[], string][] = [[['images', 'tag'], promotion.images]];
  if (promotion.revision !== undefined) edits.push([['gitops', 'targetRevision'], promotion.revision]);
  return edits.reduce((text, [at, value]) => replaceScalar(text, at, value), source);
}

export function promote(repoRoot: string, promotion: Promotion): string {
  const file = path.join(repoRoot, 'environments', promotion.environment, 'env.yaml');
  if (!fs.existsSync(file)) throw new Error(`no environment ${promotion.environment} (${file})`);
  fs.writeFileSync(file, promoteEnvYaml(fs.readFileSync(file, 'utf8'), promotion));
  return path.relative(repoRoot, file);
}
