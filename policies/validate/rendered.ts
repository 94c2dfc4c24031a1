import fs from 'node:fs';
import path from 'node:path';
import { parse, parseAllDocuments } from 'yaml';
import type { EnvConfig } from '../../config/schema.js';

/** A rendered object with the file it came from. */
export interface RenderedObject {
  /** Repository-relative path. */
  readonly file: string;
  readonly object: KubeManifest;
}

/** A manifest as untyped data, with the fields every rule reads. */
export interface KubeManifest {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  readonly spec?: any;
  readonly [key: string]: any;
}

/** What every check sees of one environment. */
export interface ValidationContext {
  readonly environment: string;
  readonly config: EnvConfig;
  readonly repoRoot: string;
  /** Repository-relative folders holding the environment's rendered output. */
  readonly dirs: readonly string[];
  readonly objects: readonly RenderedObject[];
}

export function listYamlFiles(root: string, dir: string): string[] {
  const absolute = path.join(root, dir);
  if (!fs.existsSync(absolute)) return [];
  return fs
    .readdirSync(absolute, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() && /\.ya?ml$/.test(e.name))
    .map((e) => path.relative(root, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    .sort();
}

/** The documents of a YAML file; one-document files (every rendered file) take the much cheaper plain parse. */
function documentsOf(text: string): unknown[] {
  return /^---/m.test(text) ? parseAllDocuments(text).map((doc) => doc.toJS() as unknown) : [parse(text) as unknown];
}

export function readRenderedObjects(root: string, dirs: readonly string[]): RenderedObject[] {
  return dirs.flatMap((dir) =>
    listYamlFiles(root, dir).flatMap((file) =>
      documentsOf(fs.readFileSync(path.join(root, file), 'utf8'))
        .filter((object): object is KubeManifest => object !== null && typeof object === 'object')
        .map((object) => ({ file, object })),
    ),
  );
}

/** Pod templates of every workload kind, with the workload they belong to. */
export function podTemplates(objects: readonly RenderedObject[]): { owner: RenderedObject; template: any }[] {
  return objects.flatMap((owner) => {
    const { kind, spec } = owner.object;
    if (['Deployment', 'StatefulSet', 'DaemonSet', 'ReplicaSet', 'Job'].includes(kind))
      return [{ owner, template: spec?.template }];
    if (kind === 'CronJob') return [{ owner, template: spec?.jobTemplate?.spec?.template }];
    if (kind === 'Pod') return [{ owner, template: { metadata: owner.object.metadata, spec } }];
    return [];
  });
}
