import type { ChildProcess } from 'node:child_process';

/** Children that must not outlive this process: killed when it exits or is interrupted (Ctrl-C, SIGTERM). */
const children = new Set<ChildProcess>();

function killChildren(): void {
  for (const child of children) child.kill('SIGKILL');
}

// Node's default SIGINT and SIGTERM end the process without running 'exit' handlers, so they are taken here.
function onSignal(signal: NodeJS.Signals): void {
  killChildren();
  process.exit(signal === 'SIGINT' ? 130 : 143);
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
