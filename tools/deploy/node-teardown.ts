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

/** A process as /proc shows it: its id, its parent's and its command line's arguments. */
export interface ProcessEntry {
  readonly pid: number;
  readonly ppid: number;
  readonly args: readonly string[];
}

export function processTable(): ProcessEntry[] {
  const entries: ProcessEntry[] = [];
  for (const name of fs.readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const args = fs.readFileSync(`/proc/${name}/cmdline`, 'utf8').split('\0').filter(Boolean);
      // The parent is the 4th field of stat, after the command name in parentheses (which may hold spaces).
      const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      entries.push({ pid: Number(name), ppid, args });
    } catch {
      // Exited while listed.
    }
  }
  return entries;
}

/**
 * The containerd shims of the rehearsal's node (their command line names the containerd socket after `-address`)
 * whose socket `belongs` says is to be cleared, and the processes they started (each container's first process, whose
 * PID namespace ends with it). Pure.
 */
export function shimsAndContainers(
  processes: readonly ProcessEntry[],
  belongs: (socket: string) => boolean,
): { shims: number[]; containers: number[] } {
  const shims = processes
    .filter((p) => (p.args[0] ?? '').endsWith('containerd-shim-runc-v2'))
    .filter((p) => {
      const at = p.args.indexOf('-address');
      return at >= 0 && belongs(p.args[at + 1] ?? '');
    })
    .map((p) => p.pid);
  const containers = processes.filter((p) => shims.includes(p.ppid)).map((p) => p.pid);
  return { shims, containers };
}

/**
 * Kills shims and their containers directly: for when containerd itself is gone (it died with an interrupted run), so
 * `ctr` cannot stop them. Containers first: a shim killed alone would leave its container running.
 */
export function killShims(belongs: (socket: string) => boolean): number {
  const { shims, containers } = shimsAndContainers(processTable(), belongs);
  for (const pid of [...containers, ...shims]) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
  return shims.length;
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
  // Whatever ctr could not stop (containerd died first, as when the run is interrupted) goes with its shim.
  killShims((socket) => socket === c.socket);
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
