import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { MemoryCgroup } from './memory-cgroup.js';
import { spawnWithMemoryLimit } from './memory-cgroup.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const servicesDir = path.join(repoRoot, 'services');

export interface ServiceProcess {
  readonly name: string;
  readonly child: ChildProcess;
  /** Resolves with the exit code and signal once the process has ended. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
  readonly alive: boolean;
  /** True when the process ended without being sent a signal: a crash, or an exit of its own. */
  readonly endedOnItsOwn: boolean;
  /** The memory cgroup it runs in, when started with a pod's memory limit on a machine that can apply one. */
  readonly memory: MemoryCgroup | undefined;
}

/**
 * Runs a service entry point (`api` or `worker`) as a real process, its JSON logs appended to `logFile`; with
 * `memoryLimitMiB`, inside a memory cgroup of that limit where the machine allows one (memory-cgroup.ts).
 */
export function startService(
  service: 'api' | 'worker',
  name: string,
  env: Record<string, string>,
  logFile: string,
  memoryLimitMiB?: number,
): ServiceProcess {
  fs.mkdirSync(path.dirname(logFile), { recursive: true });
  const out = fs.openSync(logFile, 'a');
  // `node --import tsx` rather than the tsx CLI: the CLI runs the script in a child of its own, so a SIGKILL sent to
  // it would orphan the real process instead of killing it.
  const { child, memory } = spawnWithMemoryLimit(
    `event-platform-${name}-${process.pid}`,
    memoryLimitMiB,
    process.execPath,
    ['--import', 'tsx', path.join(servicesDir, service, 'main.ts')],
    {
      cwd: repoRoot,
      env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  let alive = true;
  let signalled = false;
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => {
      alive = false;
      resolve({ code, signal });
    });
  });
  return {
    name,
    child,
    exited,
    kill: (signal) => {
      signalled = true;
      if (alive) child.kill(signal);
    },
    get alive() {
      return alive;
    },
    get endedOnItsOwn() {
      return !alive && !signalled;
    },
    memory,
  };
}

/** Polls an HTTP endpoint until it answers 200 (a service's /readyz), or fails after `timeoutMs`. */
export async function waitForHttpOk(url: string, timeoutMs: number, process?: ServiceProcess): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (process && !process.alive) throw new Error(`${process.name} exited before ${url} answered`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`${url} did not answer 200 within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
