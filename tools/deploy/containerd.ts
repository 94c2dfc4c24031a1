import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { waitUntil } from '../stack/processes.js';
import type { ProcessGroup } from '../sync/process-group.js';
import { PAUSE_IMAGE } from './pause-image.js';

export interface Containerd {
  /** The CRI and containerd API socket (`unix://` is added where a URL is wanted). */
  readonly socket: string;
  readonly root: string;
  readonly state: string;
}

/**
 * containerd's configuration for the node. `restrict_oom_score_adj`: this machine lacks CAP_SYS_RESOURCE, so a
 * negative oom_score_adj (the pause container's) is refused and every sandbox fails to start without it. The CNI
 * section points at Debian's plugins and the rehearsal's own conflist.
 */
export function containerdConfig(c: Containerd, cniConfDir: string): string {
  return `version = 2
root = "${c.root}"
state = "${c.state}"

[grpc]
  address = "${c.socket}"

[plugins."io.containerd.grpc.v1.cri"]
  sandbox_image = "${PAUSE_IMAGE}"
  restrict_oom_score_adj = true
  [plugins."io.containerd.grpc.v1.cri".containerd]
    snapshotter = "overlayfs"
    default_runtime_name = "runc"
    [plugins."io.containerd.grpc.v1.cri".containerd.runtimes.runc]
      runtime_type = "io.containerd.runc.v2"
  [plugins."io.containerd.grpc.v1.cri".cni]
    bin_dir = "/usr/lib/cni"
    conf_dir = "${cniConfDir}"
`;
}

/** Runs `ctr` against this containerd in the CRI's namespace, where kubelet looks for images. */
export function ctr(c: Containerd, args: string[]): string {
  return execFileSync('ctr', ['--address', c.socket, '--namespace', 'k8s.io', ...args], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
}

/** Every image reference containerd holds in the CRI's namespace. */
export function imageNames(c: Containerd): Set<string> {
  return new Set(
    ctr(c, ['images', 'ls', '-q'])
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean),
  );
}

/** Imports an image archive (OCI layout or docker archive) under `name` unless containerd already holds that name. */
export function importImage(c: Containerd, archive: string, name: string): 'imported' | 'present' {
  if (imageNames(c).has(name)) return 'present';
  const slash = name.lastIndexOf(':');
  ctr(c, ['images', 'import', '--base-name', name.slice(0, slash), '--digests', archive]);
  if (!imageNames(c).has(name)) {
    throw new Error(
      `containerd imported ${archive} but holds no image named ${name}: ${[...imageNames(c)].join(', ')}`,
    );
  }
  return 'imported';
}

/**
 * Starts containerd with its content (images) under `root`, kept between runs so an unchanged image is not imported
 * again, and its state (sockets, mounts of running containers) under `stateDir`, which is the run's own.
 */
export async function startContainerd(
  group: ProcessGroup,
  root: string,
  stateDir: string,
  cniConfDir: string,
): Promise<Containerd> {
  const c: Containerd = { root, state: path.join(stateDir, 'state'), socket: path.join(stateDir, 'containerd.sock') };
  fs.mkdirSync(root, { recursive: true });
  fs.mkdirSync(c.state, { recursive: true });
  const config = path.join(stateDir, 'containerd.toml');
  fs.writeFileSync(config, containerdConfig(c, cniConfDir));
  group.start('containerd', 'containerd', ['--config', config]);
  await waitUntil(
    async () => {
      group.assertRunning();
      if (!fs.existsSync(c.socket)) return false;
      try {
        ctr(c, ['version']);
        return true;
      } catch {
        return false;
      }
    },
    30_000,
    () => `containerd did not answer on ${c.socket} in 30 s`,
    300,
  );
  return c;
}
