import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { listEnvironments, loadEnvironment } from '../config/load.js';
import { ENVIRONMENTS_DIR, renderedDirs } from '../config/paths.js';
import { isWorkload } from '../config/workloads.js';
import type { Connection } from '../policies/validate/connectivity.js';
import { analyzedConnections, describeConnection } from '../policies/validate/connectivity.js';
import { listYamlFiles } from '../policies/validate/rendered.js';
import type { FieldChange } from './field-diff.js';
import { diffObjects } from './field-diff.js';
import type { Highlight } from './highlights.js';
import { highlightsOf } from './highlights.js';
import type { IgnoredField } from './ignore.js';
import { isIgnored } from './ignore.js';

export interface ChangedResource {
  readonly resource: string;
  readonly file: string;
  readonly changes: (FieldChange & { highlights: Highlight[] })[];
}

export interface EnvironmentDiff {
  readonly environment: string;
  readonly added: string[];
  readonly removed: string[];
  readonly changed: ChangedResource[];
  readonly connectivity: { added: string[]; removed: string[] };
}

export interface Rendered {
  readonly file: string;
  readonly kind: string;
  readonly object: unknown;
}

export function identity(object: {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
}): string {
  const group = object.apiVersion.includes('/') ? object.apiVersion.split('/')[0] : 'core';
  return `${object.kind}/${object.metadata.namespace ? `${object.metadata.namespace}/` : ''}${object.metadata.name} (${group})`;
}

export function renderedObjects(root: string, environment: string): Map<string, Rendered> {
  const objects = new Map<string, Rendered>();
  for (const dir of renderedDirs(environment)) {
    for (const file of listYamlFiles(root, dir)) {
      const object = parse(fs.readFileSync(path.join(root, file), 'utf8')) as Parameters<typeof identity>[0];
      objects.set(identity(object), { file, kind: object.kind, object });
    }
  }
  return objects;
}

function environmentsOf(root: string): string[] {
  return fs.existsSync(path.join(root, ENVIRONMENTS_DIR)) ? listEnvironments(root) : [];
}

function connectionsOf(repoRoot: string, root: string, environment: string): Connection[] {
  if (!environmentsOf(root).includes(environment)) return [];
  const { config } = loadEnvironment(root, environment);
  const ctx = { environment, config, repoRoot, dirs: renderedDirs(environment), objects: [] };
  // Connections between the analyser's stand-ins for outside peers are not this environment's to report.
  return analyzedConnections(ctx, root).filter((c) => isWorkload(c.from) || isWorkload(c.to));
}

/** The field changes of every object present on both sides, and which objects were added or removed. Pure. */
export function compareObjects(
  base: ReadonlyMap<string, Rendered>,
  head: ReadonlyMap<string, Rendered>,
  ignored: readonly IgnoredField[],
): Pick<EnvironmentDiff, 'added' | 'removed' | 'changed'> {
  const changed: ChangedResource[] = [];
  for (const [id, after] of head) {
    const before = base.get(id);
    if (!before) continue;
    const changes = diffObjects(before.object, after.object)
      .filter((c) => !isIgnored(ignored, after.kind, c.path))
      .map((c) => ({ ...c, highlights: highlightsOf(after.kind, c) }));
    if (changes.length > 0) changed.push({ resource: id, file: after.file, changes });
  }
  return {
    added: [...head.keys()].filter((id) => !base.has(id)).sort(),
    removed: [...base.keys()].filter((id) => !head.has(id)).sort(),
    changed: changed.sort((a, b) => a.resource.localeCompare(b.resource)),
  };
}

/** Compares the rendered output of two sides, per environment: resources, fields, and allowed connections. */
export function compareRendered(
  repoRoot: string,
  baseRoot: string,
  headRoot: string,
  ignored: readonly IgnoredField[],
): EnvironmentDiff[] {
  const environments = [...new Set([...environmentsOf(baseRoot), ...environmentsOf(headRoot)])].sort();
  return environments.map((environment) => {
    const describe = (list: Connection[]) => new Set(list.map(describeConnection));
    const before = describe(connectionsOf(repoRoot, baseRoot, environment));
    const after = describe(connectionsOf(repoRoot, headRoot, environment));
    return {
      environment,
      ...compareObjects(renderedObjects(baseRoot, environment), renderedObjects(headRoot, environment), ignored),
      connectivity: {
        added: [...after].filter((c) => !before.has(c)).sort(),
        removed: [...before].filter((c) => !after.has(c)).sort(),
      },
    };
  });
}

export function hasChanges(diff: EnvironmentDiff): boolean {
  return (
    diff.added.length +
      diff.removed.length +
      diff.changed.length +
      diff.connectivity.added.length +
      diff.connectivity.removed.length >
    0
  );
}
