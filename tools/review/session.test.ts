import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { editFile, scratchRepo } from '../../diff/scratch-repo.js';
import { interruptInSession, runInSession } from './session.js';

const DIFF = 'node tools/review/launch.mjs diff/cli.ts';

describe('processes a command leaves behind', { timeout: 180_000 }, () => {
  let root: string;
  beforeAll(() => {
    root = scratchRepo(repoRoot);
  });
  afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

  it('are found: a command that leaves a sleep running', () => {
    const run = runInSession('sleep 30 & true', root);
    try {
      expect(run.leftovers).toStrictEqual([expect.stringMatching(/^\d+ sleep 30$/)]);
    } finally {
      for (const left of run.leftovers) process.kill(Number(left.split(' ')[0]), 'SIGKILL');
    }
  });

  it('are none after npm run diff', () => {
    editFile(root, 'environments/staging/env.yaml', /^( +lagThreshold: )\d+$/m, '$1777');
    const run = runInSession(DIFF, root);
    expect(run.status).toBe(0);
    expect(run.leftovers).toStrictEqual([]);
  });

  it('are none after npm run diff is interrupted while it renders a revision with its own source', async () => {
    // A generator change: the base is rendered by its own render command, a child process of the diff.
    fs.appendFileSync(path.join(root, 'generators/render/labels.ts'), '\n// changed\n');
    const before = new Set(fs.readdirSync(path.dirname(root)).filter((f) => f.startsWith('rendered-diff-')));
    const result = await interruptInSession(DIFF, root, {
      when: /generators\/cli\/render\.ts/,
      signal: 'SIGTERM',
      timeoutMs: 120_000,
    });
    expect(result.interrupted).toBe(true);
    expect(result.leftovers).toStrictEqual([]);
    const after = fs.readdirSync(path.dirname(root)).filter((f) => f.startsWith('rendered-diff-') && !before.has(f));
    expect(after).toStrictEqual([]);
  });
});
