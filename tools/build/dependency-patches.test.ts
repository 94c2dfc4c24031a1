import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { applyDependencyPatches, applyPackagePatch, parsePatchName } from './dependency-patches.js';

const PUBLISHED = { 'lib/a.js': 'one\ntwo\nthree\n', 'lib/b.js': 'alpha\nbeta\n' };
const PATCHED = { 'lib/a.js': 'one\n2\nthree\n', 'lib/b.js': 'alpha\nbeta\ngamma\n' };

function patchOf(files: Record<string, [string, string]>): string {
  return Object.entries(files)
    .map(([file, [before, after]]) => createTwoFilesPatch(`a/${file}`, `b/${file}`, before, after))
    .join('');
}

const BOTH_FILES = patchOf({
  'lib/a.js': [PUBLISHED['lib/a.js'], PATCHED['lib/a.js']],
  'lib/b.js': [PUBLISHED['lib/b.js'], PATCHED['lib/b.js']],
});

describe('a patch to an installed package', () => {
  let dir: string;
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dependency-patch-'));
    fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'thing', version: '1.2.3' }));
    fs.mkdirSync(path.join(dir, 'lib'));
    for (const [file, text] of Object.entries(PUBLISHED)) fs.writeFileSync(path.join(dir, file), text);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('is applied to every file it names, and a second run finds them patched and writes nothing', () => {
    expect(applyPackagePatch(dir, 'patches/thing@1.2.3.patch', BOTH_FILES)).toEqual([
      { file: 'lib/a.js', outcome: 'applied' },
      { file: 'lib/b.js', outcome: 'applied' },
    ]);
    expect([read('lib/a.js'), read('lib/b.js')]).toEqual([PATCHED['lib/a.js'], PATCHED['lib/b.js']]);
    const written = fs.statSync(path.join(dir, 'lib/a.js')).mtimeMs;

    expect(applyPackagePatch(dir, 'patches/thing@1.2.3.patch', BOTH_FILES).map((f) => f.outcome)).toEqual([
      'already applied',
      'already applied',
    ]);
    expect(read('lib/a.js')).toBe(PATCHED['lib/a.js']);
    expect(fs.statSync(path.join(dir, 'lib/a.js')).mtimeMs).toBe(written);
  });

  it('in a dry run reports what it would apply and writes nothing', () => {
    expect(applyPackagePatch(dir, 'patches/thing@1.2.3.patch', BOTH_FILES, { dryRun: true })[0]!.outcome).toBe(
      'applied',
    );
    expect(read('lib/a.js')).toBe(PUBLISHED['lib/a.js']);
  });

  it('refuses another version of the package, naming both', () => {
    expect(() => applyPackagePatch(dir, 'patches/thing@1.2.2.patch', BOTH_FILES)).toThrow(
      /thing 1\.2\.3 is installed, the patch is for 1\.2\.2: remake the patch/,
    );
    expect(read('lib/a.js')).toBe(PUBLISHED['lib/a.js']);
  });

  it('writes no file when one of them is neither as published nor as patched', () => {
    fs.writeFileSync(path.join(dir, 'lib/b.js'), 'something else entirely\n');
    expect(() => applyPackagePatch(dir, 'patches/thing@1.2.3.patch', BOTH_FILES)).toThrow(
      /lib\/b\.js of thing 1\.2\.3 is neither as published nor as patched/,
    );
    expect(read('lib/a.js')).toBe(PUBLISHED['lib/a.js']);
  });

  it('refuses a file diff that leaves the package folder', () => {
    const escaping = patchOf({ '../outside.js': ['x\n', 'y\n'] });
    expect(() => applyPackagePatch(dir, 'patches/thing@1.2.3.patch', escaping)).toThrow(/inside the package/);
  });

  it('names the patch and the file when the package lacks a file it changes', () => {
    fs.rmSync(path.join(dir, 'lib/b.js'));
    expect(() => applyPackagePatch(dir, 'patches/thing@1.2.3.patch', BOTH_FILES)).toThrow(
      /^patches\/thing@1\.2\.3\.patch: thing 1\.2\.3 has no lib\/b\.js/,
    );
    expect(read('lib/a.js')).toBe(PUBLISHED['lib/a.js']);
  });

  it('is named after its package and version, a scope written with +', () => {
    expect(parsePatchName('kafkajs@2.2.4.patch')).toEqual({ packageName: 'kafkajs', version: '2.2.4' });
    expect(parsePatchName('@scope+name@1.0.0-rc.1.patch')).toEqual({
      packageName: '@scope/name',
      version: '1.0.0-rc.1',
    });
    expect(() => parsePatchName('kafkajs.patch')).toThrow(/<package>@<version>\.patch/);
    expect(() => parsePatchName('..@1.0.0.patch')).toThrow(/"\.\." is not an npm package name/);
  });
});

describe("the repository's patches", () => {
  const patchesDir = path.join(repoRoot, 'patches');
  const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version: string }>;
  };

  it('are each for the version package-lock.json installs', () => {
    const names = fs.readdirSync(patchesDir).filter((f) => f.endsWith('.patch'));
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) {
      const { packageName, version } = parsePatchName(name);
      expect({ name, version: lock.packages[`node_modules/${packageName}`]?.version }).toEqual({ name, version });
    }
  });

  it('are all applied to node_modules (npm ci ran the postinstall)', () => {
    const results = applyDependencyPatches(patchesDir, path.join(repoRoot, 'node_modules'), { dryRun: true });
    expect(results.flatMap(({ files }) => files.map((f) => f.outcome))).not.toContain('applied');
  });
});
