import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { resolveCommit } from '../../diff/revisions.js';
import { readObjects } from './objects.js';
import type { KubeObject } from './objects.js';

/** One side of a rehearsal: the committed output of a revision, or of the working tree. */
export interface Snapshot {
  /** `working tree`, or the revision as given with its short commit. */
  readonly label: string;
  /** A folder holding the environment's Argo CD objects and every folder they point at in this repository. */
  readonly dir: string;
  /** The repository URL the environment's env.yaml names as its own (gitops.repoURL). */
  readonly repoURL: string;
  readonly argocdObjects: KubeObject[];
}

function copyPaths(repoRoot: string, revision: string | undefined, paths: string[], dir: string): void {
  if (revision === undefined) {
    for (const p of paths) {
      const source = path.join(repoRoot, p);
      if (fs.existsSync(source)) fs.cpSync(source, path.join(dir, p), { recursive: true });
    }
    return;
  }
  const existing = paths.filter(
    (p) => spawnSync('git', ['cat-file', '-e', `${revision}:${p}`], { cwd: repoRoot }).status === 0,
  );
  if (existing.length === 0) return;
  const archive = spawnSync('git', ['archive', '--format=tar', revision, '--', ...existing], {
    cwd: repoRoot,
    maxBuffer: 1024 * 1024 * 1024,
  });
  if (archive.status !== 0) throw new Error(`git archive ${revision} failed: ${archive.stderr.toString()}`);
  const untar = spawnSync('tar', ['-x', '-C', dir], { input: archive.stdout });
  if (untar.status !== 0) throw new Error(`unpacking ${revision} failed: ${untar.stderr.toString()}`);
}

/** The folders in this repository that the Applications sync (sources with a path in the environment's own repo). */
export function referencedPaths(objects: KubeObject[], repoURL: string): string[] {
  const paths = new Set<string>();
  for (const o of objects.filter((x) => x.kind === 'Application')) {
    const spec = o.spec as {
      source?: { repoURL?: string; path?: string };
      sources?: { repoURL?: string; path?: string }[];
    };
    for (const s of [spec.source, ...(spec.sources ?? [])]) {
      if (s?.repoURL === repoURL && s.path) paths.add(s.path.replace(/\/+$/, ''));
    }
  }
  return [...paths].sort();
}

/**
 * Takes the environment's committed output at `revision` (or in the working tree when undefined) into `dir`:
 * argocd/<env>/, its env.yaml (for the repository URL) and every folder its Applications sync from this repository.
 * Returns undefined when the revision has no such environment (it is new in the other side).
 */
export function takeSnapshot(
  repoRoot: string,
  env: string,
  revision: string | undefined,
  dir: string,
): Snapshot | undefined {
  const commit = revision === undefined ? undefined : resolveCommit(repoRoot, revision);
  fs.mkdirSync(dir, { recursive: true });
  const argocdDir = `argocd/${env}`;
  const envFile = `environments/${env}/env.yaml`;
  copyPaths(repoRoot, commit, [argocdDir, envFile], dir);
  if (!fs.existsSync(path.join(dir, argocdDir)) || !fs.existsSync(path.join(dir, envFile))) return undefined;
  const repoURL = (parse(fs.readFileSync(path.join(dir, envFile), 'utf8')) as { gitops?: { repoURL?: string } }).gitops
    ?.repoURL;
  if (!repoURL) throw new Error(`${envFile} at ${revision ?? 'the working tree'} names no gitops.repoURL`);
  const argocdObjects = readObjects(path.join(dir, argocdDir));
  copyPaths(repoRoot, commit, referencedPaths(argocdObjects, repoURL), dir);
  const short = commit?.slice(0, 8);
  // A commit given by its full hash (CI's merge base) reads better short; a name keeps its commit beside it.
  const label = revision === undefined ? 'working tree' : revision === commit ? short! : `${revision} (${short})`;
  return { label, dir, repoURL, argocdObjects };
}
