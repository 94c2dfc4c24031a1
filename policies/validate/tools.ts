import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';

// Each command installs only the tools it runs: the validators for check, validate and diff, the alert tools for the
// alert tests (the largest builds).
const INSTALLERS: Record<string, string> = {
  promtool: 'tools/install/alert-tools.sh',
  amtool: 'tools/install/alert-tools.sh',
};

/** The install script that builds a tool into .cache/bin. */
export function installerOf(name: string): string {
  return INSTALLERS[name] ?? 'tools/install/validators.sh';
}

/** Where the install scripts put the Go tools (.cache/bin, see tools/install/validators.sh and alert-tools.sh). */
export function toolPath(repoRoot: string, name: string): string {
  const cacheDir = process.env.PLATFORM_CACHE_DIR ?? path.join(repoRoot, '.cache');
  const binary = path.join(cacheDir, 'bin', name);
  if (!fs.existsSync(binary)) throw new Error(`${name} is not installed (${binary}); run: bash ${installerOf(name)}`);
  return binary;
}

export interface ToolResult {
  readonly status: number;
  readonly stdout: string;
  readonly stderr: string;
}

// Every tool still running, so that a command ending early (an error, Ctrl-C) takes them with it instead of leaving
// them behind.
const running = new Set<ChildProcess>();

/** Stops every tool this process started and that is still running. */
export function stopRunningTools(): void {
  for (const child of running) child.kill('SIGKILL');
  running.clear();
}

process.once('exit', stopRunningTools);

/**
 * Runs a tool without blocking, so several tools (and environments) run at once on the machine's cores. Resolves
 * with its output once it has exited; exit codes are the caller's to interpret (kubeconform exits 1 on findings).
 */
export function runTool(binary: string, args: readonly string[], cwd: string): Promise<ToolResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    running.add(child);
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on('data', (chunk: Buffer) => stderr.push(chunk));
    child.once('error', (error) => {
      running.delete(child);
      reject(error);
    });
    child.once('close', (code, signal) => {
      running.delete(child);
      resolve({
        status: code ?? (signal ? 128 : 1),
        stdout: Buffer.concat(stdout).toString('utf8'),
        stderr: Buffer.concat(stderr).toString('utf8'),
      });
    });
  });
}
