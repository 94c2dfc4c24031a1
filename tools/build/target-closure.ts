import { isBuiltin } from 'node:module';
import path from 'node:path';
import * as esbuild from 'esbuild';

/** What a set of compiled entry points loads: its own files (relative to the root) and the packages it imports. */
export interface EntryClosure {
  readonly files: string[];
  /** Package name → the first file that imports it (for error messages). */
  readonly packages: Map<string, string>;
}

/** `@scope/name/sub/path` → `@scope/name`; `name/sub` → `name`. */
export function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0]!;
}

/**
 * The import closure of compiled entry points, as Node would load it: esbuild resolves every static and literal
 * dynamic import from the entries (its metafile lists them) and leaves packages external, so the closure stops at
 * the first package each path imports.
 */
export async function entryClosure(root: string, entries: readonly string[]): Promise<EntryClosure> {
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: [...entries],
    bundle: true,
    packages: 'external',
    platform: 'node',
    format: 'esm',
    write: false,
    metafile: true,
    outdir: 'out',
    logLevel: 'silent',
  });
  const packages = new Map<string, string>();
  for (const [file, input] of Object.entries(result.metafile.inputs)) {
    for (const imported of input.imports) {
      if (!imported.external || isBuiltin(imported.path)) continue;
      const name = packageName(imported.path);
      if (!packages.has(name)) packages.set(name, file);
    }
  }
  const files = Object.keys(result.metafile.inputs).map((file) => path.normalize(file));
  return { files: files.sort(), packages };
}

/** The part of package-lock.json (lockfileVersion 3) the package closure reads. */
export interface Lockfile {
  readonly packages: Record<string, LockEntry>;
}

interface LockEntry {
  readonly dev?: boolean;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly peerDependencies?: Record<string, string>;
  readonly peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  /** The platforms npm installs the package on ('!' excludes one); a native binary's package says its own. */
  readonly os?: readonly string[];
  readonly cpu?: readonly string[];
  readonly libc?: readonly string[];
}

/** The platform npm installs packages for: in the image's build stage, the image's own. */
export interface InstallPlatform {
  readonly os: string;
  readonly cpu: string;
  readonly libc: 'glibc' | 'musl' | undefined;
}

export function currentPlatform(): InstallPlatform {
  const header = (process.report.getReport() as { header?: { glibcVersionRuntime?: string } }).header;
  const libc = process.platform !== 'linux' ? undefined : header?.glibcVersionRuntime ? 'glibc' : 'musl';
  return { os: process.platform, cpu: process.arch, libc };
}

/** npm's rule for one of os/cpu/libc: unset allows all; a listed value must be named and not excluded with '!'. */
function allows(list: readonly string[] | undefined, value: string | undefined): boolean {
  if (!list || list.length === 0) return true;
  if (value === undefined) return false;
  if (list.includes(`!${value}`)) return false;
  const named = list.filter((v) => !v.startsWith('!'));
  return named.length === 0 || named.includes(value);
}

/** Whether npm installs the package on `platform` (an optional native binary for another platform it skips). */
function installsOn(entry: LockEntry, platform: InstallPlatform): boolean {
  return allows(entry.os, platform.os) && allows(entry.cpu, platform.cpu) && allows(entry.libc, platform.libc);
}

/** Where Node finds `name` from the package installed at `from` (a lockfile key; '' is the project itself). */
function resolveInLock(lock: Lockfile, from: string, name: string): string | undefined {
  const parts = from === '' ? [] : from.split('/node_modules/');
  for (let depth = parts.length; depth >= 0; depth--) {
    const base = parts.slice(0, depth).join('/node_modules/');
    const key = base === '' ? `node_modules/${name}` : `${base}/node_modules/${name}`;
    if (lock.packages[key]) return key;
  }
  return undefined;
}

/**
 * Every installed package (its lockfile key, e.g. `node_modules/pg`) that the given imports need at run time: the
 * imported packages and, transitively, their dependencies, optional dependencies and peer dependencies as npm
 * installed them on `platform`. An import of a package the project does not declare as a production dependency is an error:
 * `npm ci --omit=dev` would not install it, and the image would fail on it at start-up.
 */
export function packageClosure(
  lock: Lockfile,
  imports: ReadonlyMap<string, string>,
  platform: InstallPlatform = currentPlatform(),
): string[] {
  const root: LockEntry | undefined = lock.packages[''];
  const declared = new Set(Object.keys({ ...root?.dependencies, ...root?.optionalDependencies }));
  const wanted = new Set<string>();
  const pending: string[] = [];
  for (const [name, importer] of imports) {
    const key = resolveInLock(lock, '', name);
    if (!declared.has(name) || !key || lock.packages[key]!.dev) {
      throw new Error(`${importer} imports '${name}', which is not a production dependency in package.json`);
    }
    pending.push(key);
  }
  while (pending.length > 0) {
    const key = pending.pop()!;
    if (wanted.has(key)) continue;
    wanted.add(key);
    const entry = lock.packages[key]!;
    const required = Object.keys(entry.dependencies ?? {});
    const optional = [
      ...Object.keys(entry.optionalDependencies ?? {}),
      ...Object.keys(entry.peerDependencies ?? {}).filter((p) => entry.peerDependenciesMeta?.[p]?.optional),
    ];
    const peers = Object.keys(entry.peerDependencies ?? {}).filter((p) => !entry.peerDependenciesMeta?.[p]?.optional);
    for (const name of [...required, ...peers]) {
      const found = resolveInLock(lock, key, name);
      if (!found) throw new Error(`${key} depends on '${name}', which package-lock.json does not install`);
      pending.push(found);
    }
    for (const name of optional) {
      // Installed only as another package's dev dependency: `npm ci --omit=dev` leaves it out; a binary built for
      // another platform (one of @node-rs/crc32's thirteen) npm leaves out too.
      const found = resolveInLock(lock, key, name);
      if (found && !lock.packages[found]!.dev && installsOn(lock.packages[found]!, platform)) pending.push(found);
    }
  }
  return [...wanted].sort();
}
