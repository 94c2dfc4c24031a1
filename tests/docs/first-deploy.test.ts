import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../config/load.js';
import { repoRoot, renderedDirs } from '../../config/paths.js';
import { readRenderedObjects } from '../../policies/validate/rendered.js';

const DOC = 'docs/operations/first-deploy.md';

/** Every `Kind/name` the walkthrough names, with `<env>` and `<env-namespace>` left as placeholders. */
function namedObjects(text: string): string[] {
  return [...new Set([...text.matchAll(/`([A-Z][A-Za-z]+)\/([a-z0-9<>.-]+)`/g)].map((m) => `${m[1]}/${m[2]}`))];
}

describe('docs/operations/first-deploy.md', () => {
  const names = namedObjects(fs.readFileSync(path.join(repoRoot, DOC), 'utf8'));

  it('names objects at all (the pattern still matches the way it writes them)', () =>
    expect(names.length).toBeGreaterThan(15));

  it.each(['dev', 'staging', 'prod'])('uses only names that exist in the rendered output of %s', (environment) => {
    const { config } = loadEnvironment(repoRoot, environment);
    const rendered = new Set(
      readRenderedObjects(repoRoot, renderedDirs(environment)).map((o) => `${o.object.kind}/${o.object.metadata.name}`),
    );
    const missing = names
      .map((n) => n.replaceAll('<env-namespace>', config.namespace).replaceAll('<env>', environment))
      .filter((n) => !rendered.has(n));
    expect(missing).toStrictEqual([]);
  });
});
