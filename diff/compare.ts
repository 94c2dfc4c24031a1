import { costDelta, describeCostDelta } from '../infra/cost/delta.js';
import { parse } from 'yaml';
import { ARGOCD_DIR } from '../config/paths.js';
import { isWorkload } from '../config/workloads.js';
import { analyzeConnections, analyzerInput, describeConnection } from '../policies/validate/connectivity.js';
import type { FieldChange } from './field-diff.js';
import { diffObjects } from './field-diff.js';
import type { Highlight } from './highlights.js';
import { highlightsOf } from './highlights.js';
import type { IgnoredField } from './ignore.js';
import { isIgnored } from './ignore.js';
import type { RenderedEnvironment, RenderedSide } from './render-side.js';
import type { Capacities } from './autoscaling/capacity.js';
import type { AutoscalingPreview } from './autoscaling/preview.js';
import { autoscalingPreviews } from './autoscaling/preview.js';

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
  /** What the changed autoscalers will do under the standard load profiles, before and after. */
  readonly autoscaling: AutoscalingPreview[];
  /** The monthly cost before → after, when sizes changed (infra/cost); undefined when unchanged or not comparable. */
  readonly cost?: string;
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

/** The objects of rendered files (repository-relative path → YAML), by identity. */
export function objectsOf(files: Iterable<[string, string]>): Map<string, Rendered> {
  const objects = new Map<string, Rendered>();
  for (const [file, text] of files) {
    const object = parse(text) as Parameters<typeof identity>[0];
    objects.set(identity(object), { file, kind: object.kind, object });
  }
  return objects;
}

/**
 * The objects that may differ between two renders: a file with the same content on both sides holds the same object
 * and is not even parsed, which keeps a one-field change cheap however large the render.
 */
function differingObjects(
  base: ReadonlyMap<string, string>,
  head: ReadonlyMap<string, string>,
): [Map<string, Rendered>, Map<string, Rendered>] {
  const differs =
    (other: ReadonlyMap<string, string>) =>
    ([file, text]: [string, string]) =>
      other.get(file) !== text;
  return [objectsOf([...base].filter(differs(head))), objectsOf([...head].filter(differs(base)))];
}

const NO_FILES: ReadonlyMap<string, string> = new Map();

/** The allowed connections of a side's environment that touch its workloads (none when it lacks the environment). */
async function connectionsOf(
  repoRoot: string,
  environment: RenderedEnvironment | undefined,
  input: Map<string, string>,
) {
  if (!environment) return new Set<string>();
  const connections = await analyzeConnections(repoRoot, environment.config, input);
  // Connections between the analyser's stand-ins for outside peers are not this environment's to report.
  return new Set(connections.filter((c) => isWorkload(c.from) || isWorkload(c.to)).map(describeConnection));
}

function inputOf(environment: RenderedEnvironment | undefined): Map<string, string> {
  if (!environment) return new Map();
  const manifests = [...environment.files].filter(([file]) => !file.startsWith(`${ARGOCD_DIR}/`));
  return analyzerInput(environment.config, manifests);
}

const sameInput = (a: ReadonlyMap<string, string>, b: ReadonlyMap<string, string>) =>
  a.size === b.size && [...a].every(([name, text]) => b.get(name) === text);

/**
 * How the allowed connections change. The analyser runs only when its input differs between the sides: equal inputs
 * (the usual case, a change that touches no policy, workload or namespace) have equal connectivity.
 */
async function connectivityChange(
  repoRoot: string,
  base: RenderedEnvironment | undefined,
  head: RenderedEnvironment | undefined,
): Promise<EnvironmentDiff['connectivity']> {
  const [baseInput, headInput] = [inputOf(base), inputOf(head)];
  if (base && head && sameInput(baseInput, headInput)) return { added: [], removed: [] };
  const [before, after] = await Promise.all([
    connectionsOf(repoRoot, base, baseInput),
    connectionsOf(repoRoot, head, headInput),
  ]);
  return {
    added: [...after].filter((c) => !before.has(c)).sort(),
    removed: [...before].filter((c) => !after.has(c)).sort(),
  };
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

/** Compares two rendered sides, per environment: resources, fields, and allowed connections. */
export async function compareSides(
  repoRoot: string,
  base: RenderedSide,
  head: RenderedSide,
  ignored: readonly IgnoredField[],
  capacities?: Capacities,
): Promise<EnvironmentDiff[]> {
  const names = [...new Set([...base.environments.keys(), ...head.environments.keys()])].sort();
  return Promise.all(
    names.map(async (environment) => {
      const [before, after] = [base.environments.get(environment), head.environments.get(environment)];
      const [baseObjects, headObjects] = differingObjects(before?.files ?? NO_FILES, after?.files ?? NO_FILES);
      return {
        environment,
        ...compareObjects(baseObjects, headObjects, ignored),
        connectivity: await connectivityChange(repoRoot, before, after),
        autoscaling: capacities ? autoscalingPreviews(before, after, capacities) : [],
        cost: costChange(before, after),
      };
    }),
  );
}

/** Node groups, broker counts and instance classes change no manifest, so the price is compared on its own. */
function costChange(
  before: RenderedEnvironment | undefined,
  after: RenderedEnvironment | undefined,
): string | undefined {
  if ((before && !before.envConfig) || (after && !after.envConfig)) return undefined;
  const delta = costDelta(before?.envConfig, after?.envConfig);
  return delta ? describeCostDelta(delta) : undefined;
}

export function hasChanges(diff: EnvironmentDiff): boolean {
  return (
    (diff.cost === undefined ? 0 : 1) +
      diff.added.length +
      diff.removed.length +
      diff.changed.length +
      diff.connectivity.added.length +
      diff.connectivity.removed.length >
    0
  );
}
