import type { ChildProcess } from 'node:child_process';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { stopProcess, tail } from '../stack/processes.js';

interface Member {
  readonly name: string;
  readonly child: ChildProcess;
  readonly logFile: string;
  exitCode?: number | null;
}

/**
 * The processes of one rehearsal (etcd, the API server, Argo CD, ...): each logs to its own file, an early exit is
 * noticed and explained with the end of its log, and all of them stop together, last started first. They are also
 * killed if this process exits or is interrupted first, so no run leaves anything behind.
 */
export class ProcessGroup {
  private readonly members: Member[] = [];
  private readonly abortCleanups: (() => void)[] = [];
  private readonly killOnExit = (): void => {
    for (const cleanup of this.abortCleanups.splice(0).reverse()) {
      try {
        cleanup();
      } catch {
        // The next cleanup and the kills below still run.
      }
    }
    for (const m of this.members) if (m.exitCode === undefined && m.child.pid) process.kill(m.child.pid, 'SIGKILL');
  };
  private readonly killOnSignal = (signal: NodeJS.Signals): void => {
    this.killOnExit();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };

  constructor(private readonly logDir: string) {
    fs.mkdirSync(logDir, { recursive: true });
    process.on('exit', this.killOnExit);
    process.on('SIGINT', this.killOnSignal);
    process.on('SIGTERM', this.killOnSignal);
  }

  start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv = process.env, cwd?: string): void {
    const logFile = path.join(this.logDir, `${name}.log`);
    const out = fs.openSync(logFile, 'a');
    const child = spawn(command, args, { stdio: ['ignore', out, out], env, cwd });
    fs.closeSync(out);
    const member: Member = { name, child, logFile };
    child.on('exit', (code) => {
      member.exitCode = code;
    });
    child.on('error', () => {
      member.exitCode = -1;
    });
    this.members.push(member);
  }

  /** Throws, with the end of its log, if a process of the group has exited. */
  assertRunning(): void {
    const gone = this.members.find((m) => m.exitCode !== undefined);
    if (gone) {
      throw new Error(
        `${gone.name} exited (code ${String(gone.exitCode)}); the end of ${gone.logFile}:\n${tail(gone.logFile, 15)}`,
      );
    }
  }

  logFiles(): Record<string, string> {
    return Object.fromEntries(this.members.map((m) => [m.name, m.logFile]));
  }

  /**
   * Registers what must be undone if this process is interrupted or exits before stopAll, before the group's processes
   * are killed: what outlives them, such as a real node's containers (they run under shims, not under containerd).
   * Synchronous, since a signal handler cannot wait; the last registered runs first.
   */
  onAbort(cleanup: () => void): void {
    this.abortCleanups.push(cleanup);
  }

  /** Kills one process of the group at once (SIGKILL), for an abort cleanup that cannot wait for a clean stop. */
  killNow(name: string): void {
    const m = this.members.find((member) => member.name === name);
    if (m && m.exitCode === undefined && m.child.pid) process.kill(m.child.pid, 'SIGKILL');
  }

  /** Stops one process of the group (e.g. a kubelet, before the containers it would restart are removed). */
  async stop(name: string): Promise<void> {
    const m = this.members.find((member) => member.name === name);
    if (!m) return;
    if (m.exitCode === undefined && m.child.pid) await stopProcess(m.child.pid, 10_000);
    // Stopped on purpose: not an exit assertRunning should report (its log file stays).
    this.members.splice(this.members.indexOf(m), 1);
  }

  async stopAll(): Promise<void> {
    for (const m of [...this.members].reverse()) {
      if (m.exitCode === undefined && m.child.pid) await stopProcess(m.child.pid, 5000);
    }
    this.abortCleanups.length = 0;
    process.off('exit', this.killOnExit);
    process.off('SIGINT', this.killOnSignal);
    process.off('SIGTERM', this.killOnSignal);
  }
}
