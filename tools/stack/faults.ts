import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { kafkaPaths, startKafka } from './kafka.js';
import { postgresPaths, startPostgres } from './postgres.js';
import { portAcceptsConnections, readPid } from './processes.js';
import type { StackSettings } from './settings.js';
import { runAsServerAccount } from './postgres.js';

/**
 * Real faults on the local stack, for the fault tests and the chaos drill: the broker and the database fail the way
 * they do in a cluster (a SIGKILL, a stall, a restart, an outage), not through a mock.
 */

function brokerPid(s: StackSettings): number {
  const pid = readPid(kafkaPaths(s).pidFile);
  if (pid === undefined) throw new Error('the local Kafka broker is not running (npm run stack:up)');
  return pid;
}

/**
 * SIGKILLs the broker (a node loss), keeps it down for `downMs` (running `whileDown` meanwhile), and starts it again on
 * the same data; resolves once it answers.
 */
export async function killAndRestartBroker(s: StackSettings, downMs = 0, whileDown?: () => void): Promise<void> {
  const pid = brokerPid(s);
  process.kill(pid, 'SIGKILL');
  // A JVM's main thread turns zombie while its other threads still hold the listener: wait for the port too, or the
  // restart finds it taken.
  while (isRunning(pid) || (await portAcceptsConnections(s.kafkaPort))) await sleep(50);
  whileDown?.();
  if (downMs > 0) await sleep(downMs);
  await startKafka(s);
}

/** Freezes the broker (SIGSTOP): connections stay open and nothing answers, as on a stalled node. */
export function freezeBroker(s: StackSettings): () => void {
  const pid = brokerPid(s);
  process.kill(pid, 'SIGSTOP');
  return () => process.kill(pid, 'SIGCONT');
}

function pgCtl(s: StackSettings, args: string[]): void {
  const p = postgresPaths(s);
  runAsServerAccount(path.join(p.bin, 'pg_ctl'), [...args, '-D', p.dataDir]);
}

/** Restarts PostgreSQL (fast mode: open sessions are terminated, as in a failover or a minor-version upgrade). */
export async function restartPostgres(s: StackSettings): Promise<void> {
  pgCtl(s, ['stop', '-w', '-m', 'fast']);
  await startPostgres(s);
}

/** Stops PostgreSQL for `downMs`, then starts it again. */
export async function stopPostgresFor(s: StackSettings, downMs: number): Promise<void> {
  pgCtl(s, ['stop', '-w', '-m', 'fast']);
  await sleep(downMs);
  await startPostgres(s);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return !execFileSync('ps', ['-o', 'stat=', '-p', String(pid)], { encoding: 'utf8' }).startsWith('Z');
  } catch {
    return false;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
