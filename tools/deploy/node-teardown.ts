import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import type { Containerd } from './containerd.js';
import { ctr } from './containerd.js';
import { removeNodeNetwork } from './node-network.js';

const NETNS_DIR = '/var/run/netns';

function quiet(command: string, args: string[]): void {
  try {
    execFileSync(command, args, { stdio: 'ignore' });
  } catch {
    // Already gone.
  }
}

/** The network namespaces that exist now: those created later are the pods' (CNI names them cni-<id>). */
export function networkNamespaces(): Set<string> {
  return new Set(fs.existsSync(NETNS_DIR) ? fs.readdirSync(NETNS_DIR) : []);
}

/**
 * Removes what the node's containers leave once kubelet has stopped: every task (pod sandboxes and containers) killed
 * and deleted through containerd (killing a shim alone would orphan its container's processes), every container
 * record (the images stay), the mounts under the run's directories, the pods' network namespaces, the bridge and the
 * node's iptables rules.
 */
export function tearDownNode(c: Containerd, runDirs: string[], namespacesBefore: Set<string>): void {
  const tasks = (() => {
    try {
      return ctr(c, ['tasks', 'ls', '-q']).split('\n').filter(Boolean);
    } catch {
      return [];
    }
  })();
  for (const id of tasks) quiet('ctr', ['--address', c.socket, '-n', 'k8s.io', 'tasks', 'kill', '-s', 'SIGKILL', id]);
  for (const id of tasks) quiet('ctr', ['--address', c.socket, '-n', 'k8s.io', 'tasks', 'delete', '-f', id]);
  try {
    const containers = ctr(c, ['containers', 'ls', '-q']).split('\n').filter(Boolean);
    for (const id of containers) quiet('ctr', ['--address', c.socket, '-n', 'k8s.io', 'containers', 'rm', id]);
  } catch {
    // containerd already gone: its state directory is the run's, removed with it.
  }
  const mounts = fs
    .readFileSync('/proc/mounts', 'utf8')
    .split('\n')
    .map((l) => l.split(' ')[1] ?? '')
    .filter((m) => runDirs.some((d) => m.startsWith(d)))
    .sort((a, b) => b.length - a.length);
  for (const m of mounts) quiet('umount', ['-l', m]);
  for (const ns of networkNamespaces()) {
    if (namespacesBefore.has(ns) || !ns.startsWith('cni-')) continue;
    quiet('umount', ['-l', `${NETNS_DIR}/${ns}`]);
    fs.rmSync(`${NETNS_DIR}/${ns}`, { force: true });
  }
  removeNodeNetwork();
}
