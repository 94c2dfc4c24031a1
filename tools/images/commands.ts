import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cacheDir } from '../../policies/schemas/build.js';

/** Where the image builds keep their state: buildah's storage, the exported archives, the build logs. */
export const imagesCacheDir = path.join(cacheDir, 'images');
const storageRoot = path.join(imagesCacheDir, 'storage');
fs.mkdirSync(storageRoot, { recursive: true });
// buildah's run-time state (locks, mounts) belongs on a file system that a reboot clears: one folder per storage,
// named by the storage's real path, since checkouts that share .cache/ share the storage and must share its locks.
const storageRunRoot = path.join(
  os.tmpdir(),
  `platform-images-run-${crypto.createHash('sha256').update(fs.realpathSync(storageRoot)).digest('hex').slice(0, 8)}`,
);
export const logsDir = path.join(imagesCacheDir, 'logs');

/** A command's failure, with the last lines of what it printed: the cause, not only an exit code. */
export class CommandFailed extends Error {
  constructor(
    readonly command: string,
    readonly code: number,
    readonly tail: string,
    readonly logFile?: string,
  ) {
    super(`${command} exited with ${code}${logFile ? ` (full log: ${logFile})` : ''}:\n${tail}`);
  }
}

/** The last `count` non-empty lines of a text. */
export function lastLines(text: string, count: number): string {
  return text
    .split('\n')
    .filter((line) => line.trim() !== '')
    .slice(-count)
    .join('\n');
}

/**
 * Runs a command; resolves with its stdout, or rejects with CommandFailed and the last lines of its output. With a
 * log file, stdout and stderr also go there as they come (a build prints thousands of lines).
 */
export function run(
  command: string,
  args: readonly string[],
  options: { logFile?: string; cwd?: string; tailLines?: number } = {},
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = options.logFile ? fs.createWriteStream(options.logFile) : undefined;
    let stdout = '';
    let output = '';
    const keep = (chunk: Buffer, isStdout: boolean) => {
      const text = chunk.toString('utf8');
      if (isStdout) stdout += text;
      output = (output + text).slice(-64_000);
      log?.write(chunk);
    };
    child.stdout.on('data', (c: Buffer) => keep(c, true));
    child.stderr.on('data', (c: Buffer) => keep(c, false));
    child.on('error', (error) => reject(new Error(`${command}: ${error.message}`)));
    child.on('close', (code) => {
      log?.end();
      if (code === 0) resolve(stdout);
      else {
        const name = `${path.basename(command)} ${args.find((a) => !a.startsWith('-')) ?? ''}`.trim();
        reject(new CommandFailed(name, code ?? 1, lastLines(output, options.tailLines ?? 15), options.logFile));
      }
    });
  });
}

/** buildah on the project's own storage (overlay, under .cache/images), never the machine's default one. */
export function buildah(args: readonly string[], options: { logFile?: string; tailLines?: number } = {}) {
  return run(
    'buildah',
    ['--root', storageRoot, '--runroot', storageRunRoot, '--storage-driver', 'overlay', ...args],
    options,
  );
}

/** An image's id and config, or undefined when the storage has no image of that name. */
export async function inspectImage(reference: string): Promise<ImageInfo | undefined> {
  const json = await buildah(['inspect', '--type', 'image', reference]).catch((error: unknown) => {
    if (error instanceof CommandFailed) return undefined;
    throw error;
  });
  if (json === undefined) return undefined;
  const info = JSON.parse(json) as {
    FromImageID: string;
    OCIv1: { config?: ImageConfig };
  };
  return { id: info.FromImageID, config: info.OCIv1.config ?? {} };
}

export interface ImageConfig {
  readonly Entrypoint?: string[] | null;
  readonly Cmd?: string[] | null;
  readonly WorkingDir?: string;
  readonly Labels?: Record<string, string> | null;
}

export interface ImageInfo {
  readonly id: string;
  readonly config: ImageConfig;
}

/** Seconds since `start` (from performance.now()), to one decimal. */
export function secondsSince(start: number): number {
  return Math.round((performance.now() - start) / 100) / 10;
}
