import { spawn, spawnSync } from 'node:child_process';

export interface SessionRun {
  readonly status: number;
  readonly wallSeconds: number;
  /** User plus system CPU time of everything the command ran (bash's `times` for its children). */
  readonly cpuSeconds: number;
  /** Processes of the command's session still running after it exited: `pid command`. */
  readonly leftovers: string[];
}

// The command runs in a session of its own (setsid), so whatever it starts, however deep, carries that session id:
// after it exits, any live process with the id outlived it.
const SESSION_SCRIPT = 'ps -o sid= -p $$ >&2; eval "$1" > /dev/null 2>&1; status=$?; times >&2; exit $status';

function seconds(text: string): number {
  const match = /^(\d+)m([\d.]+)s$/.exec(text);
  return match ? Number(match[1]) * 60 + Number(match[2]) : Number.NaN;
}

/** Live (not zombie) processes of a session, `pid command`. */
export function sessionProcesses(sessionId: number): string[] {
  const ps = spawnSync('ps', ['-eo', 'pid=,sid=,stat=,args='], { encoding: 'utf8' });
  return ps.stdout
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(([, sid, stat]) => Number(sid) === sessionId && !stat?.startsWith('Z'))
    .map(([pid, , , ...args]) => `${pid} ${args.join(' ')}`);
}

function parseReport(stderr: string): { sessionId: number; cpuSeconds: number } {
  const lines = stderr.trim().split('\n');
  const sessionId = Number(lines[0]);
  // `times` prints the shell's own times, then its children's: `0m1.234s 0m0.321s`.
  const [user, system] = (lines.at(-1) ?? '').split(' ');
  return { sessionId, cpuSeconds: seconds(user ?? '') + seconds(system ?? '') };
}

/** Runs a shell command to its end in a session of its own. */
export function runInSession(command: string, cwd: string): SessionRun {
  const started = process.hrtime.bigint();
  const result = spawnSync('setsid', ['bash', '-c', SESSION_SCRIPT, 'session', command], { cwd, encoding: 'utf8' });
  const wallSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  const { sessionId, cpuSeconds } = parseReport(result.stderr);
  return { status: result.status ?? 1, wallSeconds, cpuSeconds, leftovers: settledProcesses(sessionId) };
}

/** The session's processes once those already on their way out are gone (a short grace, not a wait for work). */
function settledProcesses(sessionId: number): string[] {
  const deadline = Date.now() + 500;
  let left = sessionProcesses(sessionId);
  while (left.length > 0 && Date.now() < deadline) {
    spawnSync('sleep', ['0.05']);
    left = sessionProcesses(sessionId);
  }
  return left;
}

/**
 * Starts a command in a session of its own, and once a process of the session matches `when` (say, a child it
 * started), sends the command `signal`; reports what of the session is still running once the command has exited.
 */
export async function interruptInSession(
  command: string,
  cwd: string,
  options: { readonly when: RegExp; readonly signal: NodeJS.Signals; readonly timeoutMs: number },
): Promise<{ interrupted: boolean; leftovers: string[] }> {
  const child = spawn('setsid', ['bash', '-c', `ps -o sid= -p $$ >&2; exec ${command} > /dev/null 2>&1`], {
    cwd,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
  let running = true;
  const exited = new Promise<void>((resolve) =>
    child.once('close', () => {
      running = false;
      resolve();
    }),
  );
  const deadline = Date.now() + options.timeoutMs;
  let interrupted = false;
  while (running && Date.now() < deadline) {
    const sessionId = Number(stderr.trim().split('\n')[0]);
    if (sessionId > 0 && sessionProcesses(sessionId).some((p) => options.when.test(p))) {
      child.kill(options.signal);
      interrupted = true;
      break;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  if (!interrupted) child.kill('SIGKILL');
  await exited;
  return { interrupted, leftovers: settledProcesses(Number(stderr.trim().split('\n')[0])) };
}
