import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import type { ImageTarget } from '../build/image-targets.js';
import { IMAGE_TARGETS, TARGET_ENTRIES, compiledEntry } from '../build/image-targets.js';
import { ensureBaseImage } from './base-image.js';
import { contextHash } from './build-context.js';
import { buildKey, imageReferences, keyedName } from './build-key.js';
import {
  CommandFailed,
  type ImageInfo,
  buildah,
  imagesCacheDir,
  inspectImage,
  lastLines,
  logsDir,
  run,
  secondsSince,
} from './commands.js';
import { loadImage } from './containerd.js';
import { missingEntryFiles } from './entry-check.js';

export const DOCKERFILE = 'images/Dockerfile';
/** The Dockerfile's stage that fetches RDS's CA bundle; a named build context of this name replaces it. */
export const CA_BUNDLE_CONTEXT = 'rds-ca-bundle';
const CA_BUNDLE_FILE = 'rds-ca-bundle.pem';
const archivesDir = path.join(imagesCacheDir, 'archives');
/** How many builds of a target the storage and the archives keep (checkouts that share .cache/ build other trees). */
const BUILDS_KEPT = 3;

export interface BuildImagesOptions {
  /** The environment whose render names the images (`environments/<env>/env.yaml`, `images.*`). */
  readonly env: string;
  /**
   * A PEM file the images hold where they expect RDS's CA bundle (e.g. the CA of a stand-in PostgreSQL). Without it
   * the Dockerfile fetches the real bundle from AWS, as the images workflow does.
   */
  readonly caBundleFile?: string;
  /** containerd's socket: when given, every image is loaded into its `k8s.io` namespace under the render's name. */
  readonly containerdSocket?: string;
  readonly targets?: readonly ImageTarget[];
  readonly log?: (line: string) => void;
}

export interface BuiltImage {
  readonly target: ImageTarget;
  /** The name the render gives the pods (registry/repository:tag). */
  readonly reference: string;
  readonly imageId: string;
  /** The image's size: its docker archive (uncompressed layers and config). */
  readonly sizeBytes: number;
  readonly buildSeconds: number;
  /** True when an image with the same build key existed: nothing was built. */
  readonly cached: boolean;
  /** The docker archive of the image (what containerd imports). */
  readonly archive: string;
  /** Whether this call imported it into containerd (false: not asked, or containerd had this build already). */
  readonly loaded: boolean;
}

/** Thrown when a target does not build or its image lacks a file its containers run; names the target. */
export class ImageBuildFailed extends Error {
  constructor(
    readonly target: string,
    message: string,
  ) {
    super(`image ${target}: ${message}`);
  }
}

/** The builder's failure as a reader needs it: the step that failed and the builder's last lines. */
export function buildFailure(target: ImageTarget, error: CommandFailed): ImageBuildFailed {
  const log = error.logFile ? fs.readFileSync(error.logFile, 'utf8') : error.tail;
  const steps = [...log.matchAll(/^\[\d+\/\d+\] STEP \d+\/\d+: (.*)$|^STEP \d+\/\d+: (.*)$/gm)];
  const step = steps.at(-1);
  const failing = step ? `failed at ${step[1] ?? step[2]}` : 'failed';
  return new ImageBuildFailed(target, `${failing} (log: ${error.logFile}):\n${lastLines(log, 20)}`);
}

/** A folder holding the caller's PEM under the name the Dockerfile's stage gives it, named by its content. */
function caBundleContext(file: string): { dir: string; hash: string } {
  const pem = fs.readFileSync(file, 'utf8');
  if (!pem.includes('-----BEGIN CERTIFICATE-----')) throw new Error(`${file} holds no PEM certificate`);
  const hash = crypto.createHash('sha256').update(pem).digest('hex');
  const dir = path.join(imagesCacheDir, 'contexts', `${CA_BUNDLE_CONTEXT}-${hash.slice(0, 16)}`);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, CA_BUNDLE_FILE), pem);
  return { dir, hash };
}

/**
 * What the build's RUN steps borrow from this machine, as bind mounts that are not part of any image: npm's cache
 * (packages are checked against package-lock.json's integrity either way) and, when npm here trusts an extra CA for
 * the registry (a TLS-inspecting proxy), that CA through npm's global config. Nothing of it changes what is built.
 */
async function hostNpmMounts(): Promise<string[]> {
  const npmCache = path.join(os.homedir(), '.npm');
  fs.mkdirSync(npmCache, { recursive: true });
  const mounts = ['--volume', `${npmCache}:/root/.npm`];
  const cafile = (await run('npm', ['config', 'get', 'cafile'])).trim();
  if (cafile === '' || cafile === 'null' || !fs.existsSync(cafile)) return mounts;
  const npmrc = path.join(imagesCacheDir, 'contexts', 'npmrc');
  fs.mkdirSync(path.dirname(npmrc), { recursive: true });
  fs.writeFileSync(npmrc, 'cafile=/run/platform-build/npm-ca.crt\n');
  return [
    ...mounts,
    '--volume',
    `${cafile}:/run/platform-build/npm-ca.crt:ro`,
    '--volume',
    `${npmrc}:/usr/local/etc/npmrc:ro`,
  ];
}

/** Fails naming the target and each file when the image lacks a script its containers run. */
export async function checkEntryFiles(target: ImageTarget, imageId: string): Promise<void> {
  const image = await inspectImage(imageId);
  if (!image) throw new ImageBuildFailed(target, `image ${imageId} is not in the storage`);
  const container = (await buildah(['from', '--pull=never', imageId])).trim();
  try {
    const root = (await buildah(['mount', container])).trim();
    const entries = TARGET_ENTRIES[target].map(compiledEntry);
    let missing: string[];
    try {
      missing = missingEntryFiles(image.config, entries, (file) => fs.existsSync(path.join(root, file)));
    } catch (error) {
      throw new ImageBuildFailed(target, (error as Error).message);
    }
    if (missing.length > 0) {
      throw new ImageBuildFailed(target, `the image lacks ${missing.join(', ')}, which its containers run`);
    }
  } finally {
    await buildah(['rm', container]);
  }
}

/** The target's docker archive, named by its build key (written once, then reused). */
async function exportArchive(target: ImageTarget, key: string, imageId: string, reference: string): Promise<string> {
  fs.mkdirSync(archivesDir, { recursive: true });
  // The archive names the image: one per build and reference.
  const named = crypto.createHash('sha256').update(reference).digest('hex').slice(0, 8);
  const archive = path.join(archivesDir, `${target}-${key}-${named}.tar`);
  if (!fs.existsSync(archive)) {
    // Its own partial file: another checkout may export the same build at the same time.
    const partial = `${archive}.${process.pid}.partial`;
    fs.rmSync(partial, { force: true });
    await buildah(['push', '--quiet', imageId, `docker-archive:${partial}:${reference}`]);
    fs.renameSync(partial, archive);
    // Beyond the newest few, a target's archives are old trees' builds (their images stay in the storage).
    const older = fs
      .readdirSync(archivesDir)
      .filter((file) => file.startsWith(`${target}-`) && file.endsWith('.tar'))
      .map((file) => ({
        file,
        mtime: fs.statSync(path.join(archivesDir, file), { throwIfNoEntry: false })?.mtimeMs ?? 0,
      }))
      .sort((a, b) => b.mtime - a.mtime)
      .slice(BUILDS_KEPT);
    for (const { file } of older) fs.rmSync(path.join(archivesDir, file), { force: true });
  }
  return archive;
}

/** Untags a target's builds beyond the newest few, so the storage does not keep every tree ever built. */
async function forgetOldBuilds(target: ImageTarget, current: string): Promise<void> {
  const listed = JSON.parse(
    (await buildah(['images', '--json', '--filter', `reference=${keyedName(target, '*')}`])) || '[]',
  ) as { names: string[] | null; created: number }[];
  const prefix = keyedName(target, '');
  const names = listed
    .flatMap((image) => (image.names ?? []).map((name) => ({ name, created: image.created })))
    .filter(({ name }) => name.startsWith(prefix) && name !== current)
    .sort((a, b) => b.created - a.created)
    .slice(BUILDS_KEPT - 1);
  for (const { name } of names) await buildah(['rmi', name]);
}

/** Builds one target under its keyed name; the builder's arguments beyond the target are given. */
async function buildTarget(target: ImageTarget, name: string, args: readonly string[]): Promise<ImageInfo> {
  const logFile = path.join(logsDir, `${target}-${name.split(':').at(-1)}.log`);
  const command = ['build', '--layers', '--pull=never', '--file', DOCKERFILE, '--target', target, ...args];
  await buildah([...command, '--tag', name, repoRoot], { logFile }).catch((error: unknown) => {
    throw error instanceof CommandFailed ? buildFailure(target, error) : error;
  });
  const image = await inspectImage(name);
  if (!image) throw new ImageBuildFailed(target, `buildah reported success but the storage has no ${name}`);
  await forgetOldBuilds(target, name);
  return image;
}

/**
 * Builds every target of images/Dockerfile with buildah on a base image made here (tools/images/base-image.ts),
 * names each image as the environment's render does, and loads them into containerd when given its socket. A target
 * whose build inputs (Dockerfile, context after .dockerignore, base image, build arguments and contexts) are those of
 * an image already built is not built again.
 */
export async function buildImages(options: BuildImagesOptions): Promise<BuiltImage[]> {
  const log = options.log ?? (() => undefined);
  const targets = options.targets ?? IMAGE_TARGETS;
  const { config } = loadEnvironment(repoRoot, options.env);
  const references = imageReferences(config, targets);
  const base = await ensureBaseImage(log);
  log(`base image ${base.reference}${base.cached ? ' (cached)' : ` built in ${base.buildSeconds} s`}`);

  const dockerfile = fs.readFileSync(path.join(repoRoot, DOCKERFILE), 'utf8');
  const context = contextHash(repoRoot);
  const buildArgs = { NODE_IMAGE: base.reference };
  const ca = options.caBundleFile ? caBundleContext(options.caBundleFile) : undefined;
  const buildContexts: Record<string, string> = ca ? { [CA_BUNDLE_CONTEXT]: ca.hash } : {};
  const builder = (await buildah(['--version'])).trim();
  const mounts = await hostNpmMounts();
  fs.mkdirSync(logsDir, { recursive: true });

  const built: BuiltImage[] = [];
  for (const target of targets) {
    const started = performance.now();
    const reference = references[target];
    const key = buildKey({
      target,
      dockerfile,
      context: context.hash,
      baseImageId: base.imageId,
      buildArgs,
      buildContexts,
      builder,
    });
    const name = keyedName(target, key);
    // The keyed name is given only by a build of these inputs. (Not a label on the image: with --layers, buildah
    // reuses an identical image built under another key, label included.)
    const found = await inspectImage(name);
    const cached = found !== undefined;
    if (!cached) log(`${target}: building (${context.files} files in the context; key ${key})`);
    const image =
      found ??
      (await buildTarget(target, name, [
        ...mounts,
        ...Object.entries(buildArgs).flatMap(([k, v]) => ['--build-arg', `${k}=${v}`]),
        ...(ca ? ['--build-context', `${CA_BUNDLE_CONTEXT}=${ca.dir}`] : []),
      ]));
    // Checked on cached images too: a build that failed this check keeps its name in the storage.
    await checkEntryFiles(target, image.id);
    await buildah(['tag', image.id, reference]);
    const archive = await exportArchive(target, key, image.id, reference);
    const loaded = options.containerdSocket
      ? await loadImage(options.containerdSocket, archive, reference, key)
      : false;
    const result: BuiltImage = {
      target,
      reference,
      imageId: image.id,
      sizeBytes: fs.statSync(archive).size,
      buildSeconds: secondsSince(started),
      cached,
      archive,
      loaded,
    };
    log(
      `${target}: ${cached ? 'cached' : 'built'} in ${result.buildSeconds} s${loaded ? ', loaded into containerd' : ''}`,
    );
    built.push(result);
  }
  return built;
}
