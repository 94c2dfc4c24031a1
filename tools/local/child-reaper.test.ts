import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const reaper = path.join(path.dirname(fileURLToPath(import.meta.url)), 'child-reaper.ts');

// A parent that starts a long-lived child with reapOnExit, prints its pid, and waits to be told to stop, or (with
// an argument) exits on its own a moment later.
const PARENT = `
  import { spawn } from 'node:child_process';
  import { reapOnExit } from ${JSON.stringify(reaper)};
  const child = spawn('sleep', ['60'], { stdio: 'ignore' });
  reapOnExit(child);
  console.log(child.pid);
  if (process.argv[1] === 'exit') setTimeout(() => process.exit(3), 100);
  else setInterval(() => undefined, 1000);
`;

/** Running, not a zombie: a killed child whose parent is gone waits for init to reap it, which may be slow here. */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

async function childOfEndedParent(
  signal: NodeJS.Signals | 'exit',
): Promise<{ pid: number; code: number | null; signal: NodeJS.Signals | null }> {
  const args = signal === 'exit' ? ['exit'] : [];
  const parent = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', PARENT, ...args], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const pid = await new Promise<number>((resolve, reject) => {
    parent.stdout.once('data', (chunk: Buffer) => resolve(Number(chunk.toString().trim())));
    parent.once('exit', () => reject(new Error('the parent exited before starting its child')));
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    parent.once('exit', (code, by) => resolve({ code, signal: by })),
  );
  if (signal !== 'exit') parent.kill(signal);
  const end = await exited;
  // SIGKILL is delivered at once, but the kernel may take a moment to reap the child.
  for (let i = 0; i < 50 && alive(pid); i += 1) await new Promise((resolve) => setTimeout(resolve, 20));
  return { pid, ...end };
}

describe('reapOnExit', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'kills the children of a parent stopped with %s, which still dies of that signal',
    async (signal) => {
      const end = await childOfEndedParent(signal);
      const survived = alive(end.pid);
      if (survived) process.kill(end.pid, 'SIGKILL');
      expect(survived).toBe(false);
      expect(end.signal).toBe(signal);
    },
  );

  it('kills the children of a parent that exits on its own, which keeps its exit code', async () => {
    const end = await childOfEndedParent('exit');
    const survived = alive(end.pid);
    if (survived) process.kill(end.pid, 'SIGKILL');
    expect(survived).toBe(false);
    expect(end.code).toBe(3);
  });
});
