import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { readTree, temporaryRepo } from '../testing/fixtures.js';
import { runRender } from './run.js';

describe('runRender', () => {
  let root: string;
  const render = (check = false, environments: string[] = []) => runRender({ repoRoot: root, check, environments });

  beforeEach(() => {
    root = temporaryRepo();
  });
  afterEach(() => {
    fs.rmSync(root, { recursive: true, force: true });
  });

  it('is deterministic: two renders produce byte-identical trees', () => {
    expect(render().exitCode).toBe(0);
    const first = readTree(path.join(root, 'environments'));
    fs.rmSync(path.join(root, 'environments/dev/manifests'), { recursive: true });
    expect(render().exitCode).toBe(0);
    expect(readTree(path.join(root, 'environments'))).toStrictEqual(first);
    expect(first.size).toBeGreaterThan(3);
  });

  it('a second render over up-to-date output changes nothing', () => {
    render();
    expect(render().lines).toStrictEqual(['rendered dev, prod, staging: 0 file(s) changed']);
  });

  it('removes stale files and the folders they leave empty', () => {
    render();
    const stale = path.join(root, 'environments/dev/manifests/old-namespace/deployment.apps_gone.yaml');
    fs.mkdirSync(path.dirname(stale), { recursive: true });
    fs.writeFileSync(stale, 'kind: Deployment\n');
    const result = render();
    expect(result.lines).toContain('removed environments/dev/manifests/old-namespace/deployment.apps_gone.yaml');
    expect(fs.existsSync(stale)).toBe(false);
    expect(fs.existsSync(path.dirname(stale))).toBe(false);
  });

  it('--check passes on fresh output and writes nothing', () => {
    render();
    const before = readTree(path.join(root, 'environments'));
    const { exitCode, lines } = render(true);
    expect({ exitCode, lines }).toStrictEqual({
      exitCode: 0,
      lines: ['rendered output is up to date (dev, prod, staging)'],
    });
    expect(readTree(path.join(root, 'environments'))).toStrictEqual(before);
  });

  it('--check names a changed, a missing and an extra file and exits non-zero', () => {
    render();
    const manifests = path.join(root, 'environments/prod/manifests/events-prod');
    fs.appendFileSync(path.join(manifests, 'deployment.apps_api.yaml'), '# hand edit\n');
    fs.rmSync(path.join(manifests, 'service_worker.yaml'));
    fs.writeFileSync(path.join(manifests, 'configmap_extra.yaml'), 'kind: ConfigMap\n');
    const result = render(true);
    expect(result.exitCode).toBe(1);
    expect(result.lines).toStrictEqual([
      'environments/prod/manifests/events-prod/configmap_extra.yaml: extra (the render no longer produces it)',
      'environments/prod/manifests/events-prod/deployment.apps_api.yaml: changed (differs from the render)',
      'environments/prod/manifests/events-prod/service_worker.yaml: missing (the render produces it)',
      '3 rendered file(s) out of date: run `npm run render` and commit the result',
    ]);
  });

  it('--check fails when env.yaml changed but the output was not re-rendered', () => {
    render();
    const envFile = path.join(root, 'environments/staging/env.yaml');
    fs.writeFileSync(
      envFile,
      fs.readFileSync(envFile, 'utf8').replace(/tag: '[0-9a-f]{40}'/, `tag: '${'2'.repeat(40)}'`),
    );
    const result = render(true);
    expect(result.exitCode).toBe(1);
    expect(result.lines).toContain(
      'environments/staging/manifests/events-staging/deployment.apps_api.yaml: changed (differs from the render)',
    );
  });

  it('renders nothing at all when any selected config is invalid', () => {
    const envFile = path.join(root, 'environments/prod/env.yaml');
    fs.writeFileSync(envFile, fs.readFileSync(envFile, 'utf8').replace('partitions: 24', 'partitions: -1'));
    const result = render();
    expect(result.exitCode).toBe(1);
    expect(result.lines.join('\n')).toMatch(
      /environments\/prod\/env\.yaml:\d+:\d+: kafka\.topic\.partitions: must be at least 1/,
    );
    expect(result.lines.at(-1)).toBe('nothing was rendered');
    expect(fs.existsSync(path.join(root, 'environments/dev/manifests'))).toBe(false);
  });

  it('--env renders only the named environment and rejects an unknown one', () => {
    expect(render(false, ['staging']).exitCode).toBe(0);
    expect(fs.existsSync(path.join(root, 'environments/staging/manifests'))).toBe(true);
    expect(fs.existsSync(path.join(root, 'environments/dev/manifests'))).toBe(false);
    expect(render(false, ['qa'])).toStrictEqual({
      exitCode: 2,
      lines: ['unknown environment(s): qa; known: dev, prod, staging'],
    });
  });

  it('warns of each environment whose values are placeholders, naming the file, the paths and their lines', () => {
    const [dev] = render(true).warnings ?? [];
    expect(dev).toMatch(
      /^warning environments\/dev\/env\.yaml: 8 placeholder value\(s\) of the reference repository, errors once `npm run adopt` sets dev up: aws\.accountId \(line 8\), images\.registry \(line \d+\), /,
    );
  });

  it('the committed output of the repository is up to date', () => {
    expect(runRender({ repoRoot, check: true, environments: [] }).exitCode).toBe(0);
  });
});
