import { execFileSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../../policies/schemas/build.js';

/** The sandbox image containerd's CRI starts for every pod; the name its configuration names. */
export const PAUSE_IMAGE = 'localhost/deploy-check/pause:1';

const SOURCE = path.join(path.dirname(new URL(import.meta.url).pathname), 'pause.c');

function run(command: string, args: string[], cwd?: string): void {
  execFileSync(command, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
}

/**
 * Builds the pause image as an OCI layout archive (a static binary from tools/deploy/pause.c, umoci for the layout),
 * cached by the source's hash: a second run returns the same file without building.
 */
export function pauseImageArchive(): string {
  const hash = crypto.createHash('sha256').update(fs.readFileSync(SOURCE)).digest('hex').slice(0, 12);
  const archive = path.join(cacheDir, 'deploy-check', `pause-${hash}.tar`);
  if (fs.existsSync(archive)) return archive;
  fs.mkdirSync(path.dirname(archive), { recursive: true });
  const work = fs.mkdtempSync(`${archive}.build-`);
  try {
    const layout = path.join(work, 'layout');
    const bundle = path.join(work, 'bundle');
    const tag = PAUSE_IMAGE.split(':').at(-1)!;
    run('umoci', ['init', '--layout', layout]);
    run('umoci', ['new', '--image', `${layout}:${tag}`]);
    run('umoci', ['unpack', '--image', `${layout}:${tag}`, bundle]);
    run('gcc', ['-static', '-Os', '-s', '-o', path.join(bundle, 'rootfs', 'pause'), SOURCE]);
    run('umoci', ['repack', '--image', `${layout}:${tag}`, bundle]);
    run('umoci', ['config', '--image', `${layout}:${tag}`, '--config.entrypoint', '/pause', '--config.user', '65535']);
    run('tar', ['-C', layout, '-cf', `${archive}.tmp`, '.']);
    fs.renameSync(`${archive}.tmp`, archive);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return archive;
}
