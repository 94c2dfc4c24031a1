import type { ChildProcess, SpawnOptions } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { reapOnExit } from './child-reaper.js';

/**
 * A memory cgroup with a pod's memory limit, so that a service started here runs under the accounting of its pod:
 * Node sizes V8's heap from the limit it finds (in a 256 MiB cgroup it picks 1 MiB semi-spaces, and the API spent twice
 * the CPU per event it spends with the render's heap bounds: docs/performance.md), and the kernel kills a process that
 * outgrows the limit, as it would kill the pod's container. cgroup v2 (memory.max) or v1 (memory.limit_in_bytes); root only.
 */
export interface MemoryCgroup {
  readonly version: 1 | 2;
  readonly dir: string;
  /** The command and arguments that start `command args` inside the cgroup (the same pid: the shell execs it). */
  wrap(command: string, args: readonly string[]): [string, string[]];
  /** The most memory the cgroup's processes were charged at once, MiB. */
  peakMiB(): number;
  /** How many of its processes the kernel killed for outgrowing the limit. */
  oomKills(): number;
  /** Removes the cgroup once its processes have ended (a no-op while one still runs). */
  remove(): void;
}

const V2_ROOT = '/sys/fs/cgroup';
const V1_ROOT = '/sys/fs/cgroup/memory';

/** Which cgroup hierarchy can limit memory here, or why none can. */
export function memoryCgroupSupport(): { version: 1 | 2 } | { unavailable: string } {
  if (process.getuid?.() !== 0) return { unavailable: 'not root' };
  const controllers = path.join(V2_ROOT, 'cgroup.controllers');
  if (fs.existsSync(controllers) && fs.readFileSync(controllers, 'utf8').split(/\s+/).includes('memory'))
    return { version: 2 };
  if (fs.existsSync(path.join(V1_ROOT, 'memory.limit_in_bytes'))) return { version: 1 };
  return { unavailable: 'no memory cgroup controller mounted' };
}

const mib = (bytes: string): number => Math.round(Number(bytes.trim()) / 2 ** 20);

/** A fresh cgroup named `name` limited to `limitMiB`, or undefined where memoryCgroupSupport() finds none. */
export function createMemoryCgroup(name: string, limitMiB: number): MemoryCgroup | undefined {
  const support = memoryCgroupSupport();
  if ('unavailable' in support) return undefined;
  const limitBytes = String(limitMiB * 2 ** 20);
  const v2 = support.version === 2;
  const dir = path.join(v2 ? V2_ROOT : V1_ROOT, name);
  if (v2) {
    const subtree = path.join(V2_ROOT, 'cgroup.subtree_control');
    if (!fs.readFileSync(subtree, 'utf8').split(/\s+/).includes('memory')) fs.writeFileSync(subtree, '+memory');
  }
  fs.mkdirSync(dir, { recursive: true });
  const write = (file: string, value: string) => fs.writeFileSync(path.join(dir, file), value);
  const read = (file: string) => fs.readFileSync(path.join(dir, file), 'utf8');
  if (v2) {
    write('memory.max', limitBytes);
    // A pod has no swap: past the limit the process is killed, not paged out.
    if (fs.existsSync(path.join(dir, 'memory.swap.max'))) write('memory.swap.max', '0');
  } else write('memory.limit_in_bytes', limitBytes);
  const counter = (file: string, key: string) => Number(new RegExp(`^${key} (\\d+)$`, 'm').exec(read(file))?.[1] ?? 0);
  return {
    version: support.version,
    dir,
    wrap: (command, args) => [
      '/bin/sh',
      ['-c', 'echo $$ > "$1" && shift && exec "$@"', 'sh', path.join(dir, 'cgroup.procs'), command, ...args],
    ],
    peakMiB: () => mib(read(v2 ? 'memory.peak' : 'memory.max_usage_in_bytes')),
    oomKills: () => counter(v2 ? 'memory.events' : 'memory.oom_control', 'oom_kill'),
    remove: () => {
      try {
        fs.rmdirSync(dir);
      } catch {
        // still holds a process (or already gone): left for the next run's name to differ
      }
    },
  };
}

/**
 * Spawns `command args` inside a fresh memory cgroup of `limitMiB` named `name` where the machine allows one, else as is;
 * the cgroup is removed when the process exits, and the process is killed if this one ends first (child-reaper.ts).
 */
export function spawnWithMemoryLimit(
  name: string,
  limitMiB: number | undefined,
  command: string,
  args: readonly string[],
  options: SpawnOptions,
): { child: ChildProcess; memory: MemoryCgroup | undefined } {
  const memory = limitMiB === undefined ? undefined : createMemoryCgroup(name, limitMiB);
  const [file, argv] = memory ? memory.wrap(command, args) : [command, [...args]];
  const child = spawn(file, argv, options);
  // The shell wrapper execs the command: the child's pid is the command's, which an interrupted run must not leave.
  reapOnExit(child);
  child.once('exit', () => memory?.remove());
  return { child, memory };
}
