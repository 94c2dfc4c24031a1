import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createMemoryCgroup, memoryCgroupSupport } from './memory-cgroup.js';

const support = memoryCgroupSupport();

/** Runs `node -e script` inside the cgroup: its stdout and how it ended. */
function runIn(cgroup: NonNullable<ReturnType<typeof createMemoryCgroup>>, script: string) {
  const [command, args] = cgroup.wrap(process.execPath, ['-e', script]);
  const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'ignore'] });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()));
  return new Promise<{ out: string; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (_code, signal) => resolve({ out, signal })),
  );
}

describe.skipIf('unavailable' in support)('a memory cgroup with a pod’s limit', () => {
  it('is the limit Node sizes itself from, in the process started in it', async () => {
    const cgroup = createMemoryCgroup(`event-platform-test-sizing-${process.pid}`, 256)!;
    try {
      const { out } = await runIn(cgroup, 'process.stdout.write(String(process.constrainedMemory()))');
      expect(Number(out) / 2 ** 20).toBe(256);
    } finally {
      cgroup.remove();
    }
    expect(fs.existsSync(cgroup.dir)).toBe(false);
  });

  it('kills a process that outgrows it, and counts the kill', async () => {
    const cgroup = createMemoryCgroup(`event-platform-test-oom-${process.pid}`, 64)!;
    try {
      // 256 MiB of touched buffers outside the JavaScript heap: only the kernel's limit can stop it.
      const { signal } = await runIn(
        cgroup,
        'const b = []; for (let i = 0; i < 256; i++) b.push(Buffer.alloc(2 ** 20, 1)); process.stdout.write("survived")',
      );
      expect(signal).toBe('SIGKILL');
      expect(cgroup.oomKills()).toBe(1);
      expect(cgroup.peakMiB()).toBeGreaterThan(56);
    } finally {
      cgroup.remove();
    }
  });
});
