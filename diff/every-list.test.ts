import { describe, expect, it } from 'vitest';
import { listEnvironments } from '../config/load.js';
import { renderedDirs, repoRoot } from '../config/paths.js';
import type { EnvironmentDiff, Rendered } from './compare.js';
import { compareObjects, objectsOf } from './compare.js';
import { worktreeFiles } from './side-files.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import type { DiffReport } from './report.js';
import { formatValue } from './value-format.js';

type Path = (string | number)[];

/** The committed rendered objects of an environment, by identity. */
function renderedObjects(root: string, environment: string): Map<string, Rendered> {
  const files = worktreeFiles(root);
  const paths = renderedDirs(environment).flatMap((dir) => files.list(dir));
  const contents = files.read(paths);
  return objectsOf(paths.map((p, i) => [p, contents[i]!]));
}

/** Every path to a list in an object, with the path to one scalar inside each given entry of it. */
function listLeaves(value: unknown, path: Path = []): { list: Path; leaf: Path }[] {
  if (Array.isArray(value)) {
    const entries = [...new Set([0, value.length - 1])].filter((i) => i >= 0);
    const here = entries.flatMap((i) => {
      const leaf = firstScalar(value[i], [...path, i]);
      return leaf ? [{ list: path, leaf }] : [];
    });
    return [...here, ...value.flatMap((entry, i) => listLeaves(entry, [...path, i]))];
  }
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, v]) => listLeaves(v, [...path, key]));
  return [];
}

function firstScalar(value: unknown, path: Path): Path | undefined {
  if (typeof value !== 'object' || value === null) return path;
  const entries: [string | number, unknown][] = Array.isArray(value)
    ? value.map((v, i) => [i, v])
    : Object.entries(value);
  for (const [key, v] of entries.reverse()) {
    const found = firstScalar(v, [...path, key]);
    if (found) return found;
  }
  return undefined;
}

function setAt(object: unknown, path: Path, value: unknown): unknown {
  const copy = structuredClone(object) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  node[path.at(-1)!] = value;
  return copy;
}

function getAt(object: unknown, path: Path): unknown {
  return path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], object);
}

function reportOf(environment: string, id: string, before: Rendered, after: Rendered): DiffReport {
  const diff: EnvironmentDiff = {
    environment,
    ...compareObjects(new Map([[id, before]]), new Map([[id, after]]), []),
    connectivity: { added: [], removed: [] },
    autoscaling: [],
  };
  return { base: 'base', head: 'head', staleHead: [], environments: [diff] };
}

describe('a change inside any list the generators emit', () => {
  const cases = listEnvironments(repoRoot).flatMap((environment) =>
    [...renderedObjects(repoRoot, environment)].flatMap(([id, rendered]) =>
      listLeaves(rendered.object).map(({ list, leaf }) => ({ environment, id, rendered, list, leaf })),
    ),
  );

  it('covers the lists of every kind that has one', () => {
    const kinds = new Set(cases.map((c) => c.rendered.kind));
    for (const kind of ['ScaledObject', 'PrometheusRule', 'NetworkPolicy', 'Deployment', 'CronJob', 'Service', 'Role'])
      expect(kinds).toContain(kind);
    expect(cases.length).toBeGreaterThan(300);
  });

  it('shows the changed value, and the value it replaced, in text and in Markdown', () => {
    const hidden: string[] = [];
    cases.forEach(({ environment, id, rendered, leaf }, n) => {
      const marker = `changed-${n}`;
      const before = getAt(rendered.object, leaf);
      const after = { ...rendered, object: setAt(rendered.object, leaf, marker) };
      const report = reportOf(environment, id, rendered, after);
      const change = report.environments[0]!.changed[0]?.changes[0];
      const text = formatText(report);
      const markdown = formatMarkdown(report);
      const changeLine = text.split('\n').find((l) => l.includes(marker)) ?? '';
      const where = `${id} ${leaf.join('.')}`;
      if (!change) hidden.push(`${where}: no change found`);
      else if (!markdown.includes(marker)) hidden.push(`${where}: not in Markdown`);
      else if (!changeLine.includes(formatValue(before).slice(0, 60)) && !text.includes(`- ${String(before)}`))
        hidden.push(`${where}: the old value is not shown (${changeLine.trim()})`);
    });
    expect(hidden).toStrictEqual([]);
  });

  it('names the entry by its key: a KEDA trigger by type', () => {
    const id = 'ScaledObject/events-staging/worker (keda.sh)';
    const rendered = renderedObjects(repoRoot, 'staging').get(id)!;
    const triggers = (rendered.object as { spec: { triggers: { metadata: Record<string, string> }[] } }).spec.triggers;
    const old = triggers[0]!.metadata.lagThreshold!;
    const after = {
      ...rendered,
      object: setAt(rendered.object, ['spec', 'triggers', 0, 'metadata', 'lagThreshold'], '777'),
    };
    const text = formatText(reportOf('staging', id, rendered, after));
    expect(text).toContain(`spec.triggers[kafka].metadata.lagThreshold: "${old}" → "777"`);
  });
});

describe('a change inside a long text value', () => {
  it('is a line diff of the value: a dashboard JSON shows the one changed line, not the document', () => {
    const id = 'ConfigMap/events-prod/dashboard-worker (core)';
    const rendered = renderedObjects(repoRoot, 'prod').get(id)!;
    const data = (rendered.object as { data: Record<string, string> }).data;
    const [key, json] = Object.entries(data)[0]!;
    const edited = json.replace(/"title": "([^"]+)"/, '"title": "$1 (renamed)"');
    expect(edited).not.toBe(json);
    const after = { ...rendered, object: setAt(rendered.object, ['data', key], edited) };
    const report = reportOf('prod', id, rendered, after);
    const text = formatText(report);
    expect(text).toMatch(/data\.\S+: text changed \(-1 \+1 lines\)/);
    expect(text).toMatch(/^ {6}- {2,}"title": "[^"]+",?$/m);
    expect(text).toMatch(/^ {6}\+ {2,}"title": "[^"]+ \(renamed\)",?$/m);
    expect(text.split('\n').length).toBeLessThan(30);
    expect(formatMarkdown(report)).toContain('(renamed)');
    expect(formatMarkdown(report)).toContain('```diff');
  });
});
