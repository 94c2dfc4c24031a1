import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { MemoryCgroup } from '../local/memory-cgroup.js';
import { spawnWithMemoryLimit } from '../local/memory-cgroup.js';
import { freePort } from '../local/ports.js';
import type { PodShape } from './pod.js';
import { waitForHttpOk } from '../local/processes.js';

export interface ServerProcess {
  readonly url: string;
  readonly pid: number;
  /** The memory cgroup of its pod's limit, where the machine allows one. */
  readonly memory: MemoryCgroup | undefined;
  stop(): Promise<void>;
}

/**
 * The API as its image runs it: the compiled JavaScript of a read-only copy (tools/build/read-only-copy.ts) started with
 * plain `node`, no TypeScript loader, so its memory is the memory of the pod.
 */
export async function startBuiltApi(
  root: string,
  env: Record<string, string>,
  logFile: string,
  as: PodShape,
): Promise<ServerProcess> {
  const port = await freePort();
  const out = fs.openSync(logFile, 'a');
  const { child, memory } = spawnWithMemoryLimit(
    `event-platform-built-api-${port}`,
    as.memoryLimitMiB,
    process.execPath,
    ['dist/services/api/main.js'],
    {
      cwd: root,
      env: {
        PATH: process.env.PATH,
        NODE_ENV: 'production',
        HOST: '127.0.0.1',
        PORT: String(port),
        API_SHUTDOWN_DRAIN_MS: '0',
        ...env,
        ...as.env,
      },
      stdio: ['ignore', out, out],
    },
  );
  fs.closeSync(out);
  const url = `http://127.0.0.1:${port}`;
  const running = stoppable(child, url, memory);
  await waitForHttpOk(`${url}/readyz`, 60_000);
  return running;
}

/** A started process with its URL, stopped by SIGTERM and waited for. */
function stoppable(child: ChildProcess, url: string, memory: MemoryCgroup | undefined): ServerProcess {
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    url,
    pid: child.pid!,
    memory,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

export type HelloWorld = ServerProcess;

/** The fastify hello world as a process of its own, started the way the API is: node with the tsx loader, as its pod. */
export async function startHelloWorld(as: PodShape): Promise<HelloWorld> {
  const port = await freePort();
  const { child, memory } = spawnWithMemoryLimit(
    `event-platform-hello-world-${port}`,
    as.memoryLimitMiB,
    process.execPath,
    ['--import', 'tsx', path.join(import.meta.dirname, 'hello-world.ts')],
    {
      env: { ...process.env, ...as.env, PORT: String(port) },
      stdio: 'ignore',
    },
  );
  const url = `http://127.0.0.1:${port}`;
  const running = stoppable(child, url, memory);
  // Any answer means it listens (a GET on a POST route is a 404).
  for (let i = 0; ; i += 1) {
    try {
      await fetch(url, { signal: AbortSignal.timeout(500) });
      break;
    } catch {
      if (i > 100) throw new Error('the hello world did not start');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  return running;
}

/** A process's resident memory now and at its peak (VmRSS, VmHWM), in MiB, from /proc. */
export function residentMemoryMiB(pid: number): { current: number; peak: number } {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string): number => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { current: Math.round(kib('VmRSS') / 1024), peak: Math.round(kib('VmHWM') / 1024) };
}
