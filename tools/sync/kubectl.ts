import { spawn } from 'node:child_process';
import { commandPath } from './tools.js';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs a command without blocking this process (the rehearsal serves an API from it meanwhile). */
export function runCommand(
  command: string,
  args: string[],
  options: { input?: string; env?: NodeJS.ProcessEnv; cwd?: string } = {},
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    child.stdin.end(options.input ?? '');
  });
}

/** kubectl against the rehearsal's API server; throws with kubectl's own message on failure. */
export async function kubectl(kubeconfig: string, args: string[], input?: string): Promise<CommandResult> {
  const result = await runCommand(commandPath('kubectl'), ['--kubeconfig', kubeconfig, ...args], { input });
  if (result.code !== 0) throw new Error(`kubectl ${args.join(' ')}: ${(result.stderr || result.stdout).trim()}`);
  return result;
}
