import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run } from './commands.js';

/** A containerd of its own (root, state, socket and config in one temporary folder), for tests. */
export interface ThrowawayContainerd {
  readonly socket: string;
  /** containerd's own log: where a failed start or import explains itself. */
  readonly log: string;
  stop(): Promise<void>;
}

/** Starts Debian's containerd with everything under a new temporary folder; resolves when it answers. */
export async function startContainerd(): Promise<ThrowawayContainerd> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'containerd-'));
  const socket = path.join(dir, 'containerd.sock');
  const config = path.join(dir, 'config.toml');
  fs.writeFileSync(
    config,
    [
      'version = 2',
      `root = "${dir}/root"`,
      `state = "${dir}/state"`,
      // No kubelet here: the CRI plugin would only fail on its sandbox image and CNI.
      'disabled_plugins = ["io.containerd.grpc.v1.cri"]',
      '[grpc]',
      `  address = "${socket}"`,
      '[ttrpc]',
      `  address = "${socket}.ttrpc"`,
      '',
    ].join('\n'),
  );
  const log = path.join(dir, 'containerd.log');
  const out = fs.openSync(log, 'a');
  const child = spawn('containerd', ['--config', config], { stdio: ['ignore', out, out] });
  fs.closeSync(out);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let ended = false;
  void exited.then(() => (ended = true));
  const stop = async () => {
    if (!ended) {
      child.kill('SIGTERM');
      await exited;
    }
    // Snapshots stay mounted until unmounted; then the folder can go.
    await run('sh', ['-c', `grep -o " ${dir}/[^ ]*" /proc/mounts | sort -r | xargs -r -n1 umount`]).catch(
      () => undefined,
    );
    fs.rmSync(dir, { recursive: true, force: true });
  };
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && !ended) {
    if (
      await run('ctr', ['--address', socket, 'version']).then(
        () => true,
        () => false,
      )
    )
      return { socket, log, stop };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  const tail = fs.readFileSync(log, 'utf8').split('\n').slice(-10).join('\n');
  await stop();
  throw new Error(`containerd did not answer on ${socket} within 30 s:\n${tail}`);
}
