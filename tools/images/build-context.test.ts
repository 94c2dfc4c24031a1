import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { contextFiles, contextHash, isIgnored, parseDockerignore } from './build-context.js';

const rules = parseDockerignore(fs.readFileSync(path.join(repoRoot, '.dockerignore'), 'utf8'));

describe("the build context, as the repository's .dockerignore leaves it", () => {
  it.each([
    'package.json',
    'package-lock.json',
    '.npmrc',
    'config/paths.ts',
    'tools/build/stage-targets.ts',
    'patches/kafkajs@2.2.4.patch',
    'services/api/main.ts',
    'services/db/migrations/0001_ledger.sql',
    'loadtests/main.ts',
  ])('sends %s', (file) => {
    expect(isIgnored(file, rules)).toBe(false);
  });

  it.each([
    'node_modules/pg/package.json',
    'config/load.ts',
    'generators/render/images.ts',
    'services/api/app.test.ts',
    'environments/dev/env.yaml',
    '.cache/images/archives/api.tar',
  ])('leaves %s out', (file) => {
    expect(isIgnored(file, rules)).toBe(true);
  });

  it('holds the services and none of the tests', () => {
    const files = contextFiles(repoRoot, rules);
    expect(files).toContain('services/worker/main.ts');
    expect(files.filter((f) => f.endsWith('.test.ts'))).toEqual([]);
    expect(files.filter((f) => f.startsWith('node_modules/') || f.startsWith('generators/'))).toEqual([]);
  });
});

describe('the hash of a build context', () => {
  let dir: string | undefined;
  afterEach(() => dir && fs.rmSync(dir, { recursive: true, force: true }));

  function tree(files: Record<string, string>): string {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'context-'));
    for (const [file, text] of Object.entries({ '.dockerignore': '*\n!src\n**/*.test.ts\n', ...files })) {
      fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
  }

  it('changes when a file the builder sends changes, and only then', () => {
    const root = tree({ 'src/a.ts': 'a', 'src/a.test.ts': 't', 'notes.md': 'n' });
    const before = contextHash(root);
    expect(before.files).toBe(1);
    fs.writeFileSync(path.join(root, 'src/a.test.ts'), 't2');
    fs.writeFileSync(path.join(root, 'notes.md'), 'n2');
    expect(contextHash(root).hash).toBe(before.hash);
    fs.writeFileSync(path.join(root, 'src/a.ts'), 'a2');
    expect(contextHash(root).hash).not.toBe(before.hash);
  });

  it('changes when a file is renamed or becomes executable', () => {
    const root = tree({ 'src/a.ts': 'a' });
    const before = contextHash(root).hash;
    fs.chmodSync(path.join(root, 'src/a.ts'), 0o755);
    const executable = contextHash(root).hash;
    expect(executable).not.toBe(before);
    fs.renameSync(path.join(root, 'src/a.ts'), path.join(root, 'src/b.ts'));
    expect(contextHash(root).hash).not.toBe(executable);
  });
});
