import path from 'node:path';
import { fileURLToPath } from 'node:url';

// Where things live in the repository, in one place: the render writes these folders, validation and the diff read
// them, Argo CD syncs them. All paths are repository-relative unless named otherwise.

/** The repository's root folder (absolute), wherever the command is run from. */
export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const ENVIRONMENTS_DIR = 'environments';

/** An environment's config, the file a pull request edits. */
export function environmentFile(environment: string): string {
  return `${ENVIRONMENTS_DIR}/${environment}/env.yaml`;
}

/** The folder of an environment that holds its rendered manifests. */
export function manifestsDir(environment: string): string {
  return `${ENVIRONMENTS_DIR}/${environment}/manifests`;
}

export const ARGOCD_DIR = 'argocd';

/** Where an environment's Argo CD objects are rendered: the bootstrap folder that `kubectl apply -f` starts from. */
export function argocdDir(environment: string): string {
  return `${ARGOCD_DIR}/${environment}`;
}

/** Every folder of an environment's rendered output, in the order the checks read them. */
export function renderedDirs(environment: string): string[] {
  return [manifestsDir(environment), argocdDir(environment)];
}

/** The traffic matrix of every environment as a document, rendered from the configs. */
export const TRAFFIC_MATRIX_DOC = 'docs/security/traffic-matrix.md';

/** One runbook per alert. */
export const RUNBOOKS_DIR = 'docs/runbooks';
