import type { ChildProcess } from 'node:child_process';

/** Children that must not outlive this process: killed when it exits or is interrupted (Ctrl-C, SIGTERM). */
const children = new Set<ChildProcess>();

function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

// Node's default SIGINT and SIGTERM end the process without running 'exit' handlers: the children are killed here,
// then the signal is raised again with Node's default in place, so the process ends as it would have (a test runner
// that replaced process.exit, as vitest does in its workers, sees the same death by signal).
function onSignal(signal: NodeJS.Signals): void {
  killChildren();
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  process.kill(process.pid, signal);
}

let installed = false;

/**
 * Kills `child` if this process ends first. A bench or a load run interrupted half-way would otherwise leave its API
 * and worker processes running, using the CPU the next measurement counts on.
 */
export function reapOnExit(child: ChildProcess): void {
  if (!installed) {
    process.on('exit', killChildren);
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    installed = true;
  }
  children.add(child);
  child.once('exit', () => children.delete(child));
}
