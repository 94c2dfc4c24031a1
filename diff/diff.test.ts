import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../config/paths.js';
import { formatMarkdown } from './format-markdown.js';
import { formatText } from './format-text.js';
import { runDiff } from './run.js';
import { editFile, rerender, scratchRepo } from './scratch-repo.js';

describe('npm run diff', { timeout: 120_000 }, () => {
  let root: string;
  beforeAll(() => {
    root = scratchRepo(repoRoot);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  const reset = () => execFileSync('git', ['checkout', '-q', '--', '.'], { cwd: root });

  it('reports "no changes" for identical revisions', async () => {
    const report = await runDiff({ repoRoot: root, base: 'HEAD', head: 'HEAD' });
    expect(report.environments.every((d) => d.added.length + d.removed.length + d.changed.length === 0)).toBe(true);
    expect(formatText(report)).toBe('rendered diff: HEAD → HEAD\nno changes');
  });

  it('shows a changed env.yaml value as exactly that field in that environment, and nothing else', async () => {
    editFile(root, 'environments/prod/env.yaml', /(\nworker:[\s\S]*?maxReplicas: )20/, '$124');
    rerender(root);
    try {
      const report = await runDiff({ repoRoot: root, base: 'HEAD' });
      const changed = report.environments.filter(
        (d) => d.added.length + d.removed.length + d.changed.length + d.connectivity.added.length > 0,
      );
      expect(changed.map((d) => d.environment)).toStrictEqual(['prod']);
      expect(changed[0]!.changed).toStrictEqual([
        {
          resource: 'ScaledObject/events-prod/worker (keda.sh)',
          file: 'environments/prod/manifests/events-prod/scaledobject.keda.sh_worker.yaml',
          changes: [{ path: 'spec.maxReplicaCount', before: 20, after: 24, highlights: ['replicas and autoscaling'] }],
        },
      ]);
      expect(report.staleHead).toStrictEqual([]);
    } finally {
      reset();
    }
  });

  it('prices a size change that changes no manifest: more prod nodes show as a monthly cost delta', async () => {
    editFile(root, 'environments/prod/env.yaml', /minSize: 3, desiredSize: 3,/, 'minSize: 4, desiredSize: 4,');
    try {
      const report = await runDiff({ repoRoot: root, base: 'HEAD' });
      const prod = report.environments.find((d) => d.environment === 'prod')!;
      expect(prod.changed).toStrictEqual([]);
      expect(prod.cost).toMatch(/^monthly cost: \$[\d,.]+ → \$[\d,.]+ \(\+\$[\d,.]+\); at max replicas /);
      expect(report.environments.filter((d) => d.cost !== undefined).map((d) => d.environment)).toStrictEqual(['prod']);
      expect(formatText(report)).toContain(prod.cost);
      expect(formatMarkdown(report)).toContain(prod.cost);
    } finally {
      reset();
    }
  });

  it('shows an added matrix edge as a connectivity change, and says the committed output is stale', async () => {
    editFile(
      root,
      'environments/staging/env.yaml',
      '    - { from: alb, to: api, port: 8080 }',
      '    - { from: alb, to: api, port: 8080 }\n    - { from: worker, to: api, port: 8080 }',
    );
    try {
      const report = await runDiff({ repoRoot: root, base: 'HEAD' });
      const staging = report.environments.find((d) => d.environment === 'staging')!;
      expect(staging.connectivity).toStrictEqual({ added: ['worker → api : 8080/TCP'], removed: [] });
      expect(staging.added).toStrictEqual([
        'NetworkPolicy/events-staging/egress-worker-to-api-8080 (networking.k8s.io)',
        'NetworkPolicy/events-staging/ingress-api-from-worker-8080 (networking.k8s.io)',
      ]);
      // The env.yaml change was not re-rendered: the diff still shows its effect, and says the commit would be stale.
      expect(report.staleHead).toContain(
        'environments/staging/manifests/events-staging/networkpolicy.networking.k8s.io_egress-worker-to-api-8080.yaml: missing (the render produces it)',
      );
      expect(formatMarkdown(report)).toContain('the committed output of `working tree` is stale');
      expect(
        report.environments
          .filter((d) => d.environment !== 'staging')
          .every((d) => d.changed.length + d.added.length === 0),
      ).toBe(true);
    } finally {
      reset();
    }
  });

  it('keeps the summary and trims details when the Markdown would exceed the size limit', async () => {
    editFile(root, 'environments/dev/env.yaml', /tag: '[0-9a-f]{40}'/g, `tag: '${'2'.repeat(40)}'`);
    editFile(root, 'environments/staging/env.yaml', /tag: '[0-9a-f]{40}'/g, `tag: '${'2'.repeat(40)}'`);
    // Re-rendered, so the comment carries no stale-output warning and the summary alone fits the limit.
    rerender(root);
    try {
      const report = await runDiff({ repoRoot: root, base: 'HEAD' });
      const full = formatMarkdown(report);
      const limit = 6000;
      const trimmed = formatMarkdown(report, limit);
      expect(full.length).toBeGreaterThan(limit);
      expect(trimmed.length).toBeLessThanOrEqual(limit);
      expect(trimmed).toContain('| environment | added | removed | changed | connectivity |');
      expect(trimmed).toContain('| dev | 0 | 0 |');
      expect(trimmed).toMatch(/Details of .* were left out to stay under 6,000 characters/);
      expect(trimmed).not.toContain('<details>');
    } finally {
      reset();
    }
  });
});
