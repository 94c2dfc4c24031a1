import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const reaper = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child-reaper.ts');

// A parent that starts a long-lived child with reapOnExit, prints its pid, and waits to be told to stop.
const PARENT = `
  import { spawn } from 'node:child_process';
  import { reapOnExit } from ${JSON.stringify(reaper)};
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  reapOnExit(child);
  console.log(child.pid);
  setInterval(() => undefined, 1000);
`;

/** Running, not a zombie: a killed child whose parent is gone waits for init to reap it, which may be slow here. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function childOfInterruptedParent(signal: NodeJS.Signals): Promise<{ pid: number; code: number | null }> {
  const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    parent.once('exit', () => reject(new Error('the parent exited before starting its child')));
  });
  const exited = new Promise<number | null>((resolve) => parent.once('exit', (code) => resolve(code)));
  parent.kill(signal);
  const code = await exited;
  // SIGKILL is delivered at once, but the kernel may take a moment to reap the child.
  for (let i = 0; i < 50 && alive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return { pid, code };
}

describe('reapOnExit', () => {
  it.each([
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const)('kills the children of a parent stopped with %s, which exits with %i', async (signal, exitCode) => {
    const { pid, code } = await childOfInterruptedParent(signal);
    const survived = alive(pid);
    if (survived) process.kill(pid, 'SIGKILL');
    expect(survived).toBe(false);
    expect(code).toBe(exitCode);
  });
});
