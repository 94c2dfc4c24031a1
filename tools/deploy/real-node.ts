import fs from 'node:fs';
import path from 'node:path';
import { cacheDir } from '../../policies/schemas/build.js';
import type { ControlPlane } from '../sync/control-plane.js';
import { startControlPlane } from '../sync/control-plane.js';
import type { ProcessGroup } from '../sync/process-group.js';
import type { Containerd } from './containerd.js';
import { importImage, startContainerd } from './containerd.js';
import { startNode } from './node.js';
import { NODE_NETWORK, cniConfig, createNodeNetwork } from './node-network.js';
import { killShims, networkNamespaces, tearDownNode } from './node-teardown.js';
import { PAUSE_IMAGE, pauseImageArchive } from './pause-image.js';

/** Where containerd keeps its images between runs: an unchanged image is not imported again. */
export const CONTAINERD_ROOT = path.join(cacheDir, 'deploy-check', 'containerd');

export interface RealNode {
  readonly plane: ControlPlane;
  readonly containerd: Containerd;
  /** Where the kubelet writes every container's log (`<ns>_<pod>_<uid>/<container>/<n>.log`). */
  readonly podLogsDir: string;
  /** Stops kubelet and kube-proxy and removes every container, mount, network namespace and rule they left. */
  readonly stop: () => Promise<void>;
}

/**
 * A control plane served on the node's address and one real node: the bridge network, containerd (the pause image
 * and `loadImages`' images imported), kubelet and kube-proxy, Ready. The caller stops it with `stop` before the
 * process group stops (containers outlive containerd otherwise).
 */
export async function startRealNode(
  dir: string,
  group: ProcessGroup,
  log: (line: string) => void,
  loadImages: (containerd: Containerd) => Promise<void>,
): Promise<RealNode> {
  const namespacesBefore = networkNamespaces();
  // A run killed outright (SIGKILL, a CI timeout) leaves its containers running under their shims, with its addresses:
  // another rehearsal's containerd socket (sync-check-* in the temporary directory) is a leftover, as only one node
  // can run at a time (the bridge has one name).
  const leftovers = killShims((socket) => isRehearsalSocket(socket) && !socket.startsWith(`${dir}/`));
  if (leftovers > 0) log(`stopped ${leftovers} container shim(s) left by an interrupted run`);
  createNodeNetwork();
  const cniDir = path.join(dir, 'cni');
  fs.mkdirSync(cniDir, { recursive: true });
  fs.writeFileSync(path.join(cniDir, '10-deploy-check.conflist'), cniConfig(path.join(dir, 'cni-ipam')));
  const containerd = await startContainerd(group, CONTAINERD_ROOT, path.join(dir, 'containerd'), cniDir);
  let tornDown = false;
  const tearDown = (): void => {
    if (tornDown) return;
    tornDown = true;
    tearDownNode(containerd, [dir, CONTAINERD_ROOT], namespacesBefore);
  };
  // Interrupted (Ctrl-C, SIGTERM) before stop: the containers would outlive the group's processes.
  group.onAbort(() => {
    group.killNow('kubelet');
    tearDown();
  });
  const stop = async (): Promise<void> => {
    await group.stop('kubelet');
    await group.stop('kube-proxy');
    tearDown();
  };
  try {
    importImage(containerd, pauseImageArchive(), PAUSE_IMAGE);
    await loadImages(containerd);
    const plane = await startControlPlane(dir, group, log, { address: NODE_NETWORK.nodeIp, fakeNodes: false });
    const { podLogsDir } = await startNode(dir, group, plane, containerd, log);
    return { plane, containerd, podLogsDir, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** A containerd socket of a rehearsal run: `<tmp>/sync-check-<env>-<suffix>/containerd/containerd.sock`. */
export function isRehearsalSocket(socket: string): boolean {
  return /\/sync-check-[^/]+\/containerd\/containerd\.sock$/.test(socket);
}
