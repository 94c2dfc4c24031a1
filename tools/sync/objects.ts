import fs from 'node:fs';
import path from 'node:path';
import { parseAllDocuments } from 'yaml';

export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    readonly name: string;
    readonly namespace?: string;
    readonly annotations?: Record<string, string>;
    readonly labels?: Record<string, string>;
  };
  readonly spec?: unknown;
  readonly [field: string]: unknown;
}

/** Every Kubernetes object in the YAML files under `dir` (recursively), in file name order. */
export function readObjects(dir: string): KubeObject[] {
  if (!fs.existsSync(dir)) return [];
  const files = (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => /\.ya?ml$/.test(f)).sort();
  return files.flatMap((f) =>
    parseAllDocuments(fs.readFileSync(path.join(dir, f), 'utf8'))
      .map((d) => d.toJS() as KubeObject | null)
      .filter((o): o is KubeObject => o !== null && typeof o === 'object' && 'kind' in o),
  );
}

/** `Kind/namespace/name`, or `Kind/name` for cluster-scoped objects: how the report names an object. */
export function objectName(o: { kind: string; metadata: { name: string; namespace?: string } }): string {
  return [o.kind, o.metadata.namespace, o.metadata.name].filter(Boolean).join('/');
}

/** The sync wave Argo CD reads from an object (0 when unset). */
export function syncWave(o: KubeObject): number {
  const wave = Number(o.metadata.annotations?.['argocd.argoproj.io/sync-wave'] ?? '0');
  return Number.isFinite(wave) ? wave : 0;
}
