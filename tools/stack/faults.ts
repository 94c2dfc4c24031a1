import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { kafkaNode, launchNode, ourBrokerPid, startKafka, stopNode } from './kafka.js';
import { postgresPaths, startPostgres } from './postgres.js';
import { portAcceptsConnections, readPid } from './processes.js';
import type { StackSettings } from './settings.js';
import { runAsServerAccount } from './postgres.js';

/**
 * Real faults on the local stack, for the fault tests and the chaos drill: the broker and the database fail the way
 * they do in a cluster (a SIGKILL, a stall, a restart, an outage), not through a mock.
 */

function brokerPid(s: StackSettings, id: number): number {
  const pid = readPid(kafkaNode(s, id).paths.pidFile);
  if (pid === undefined) throw new Error(`the local Kafka broker ${id} is not running (npm run stack:up)`);
  return pid;
}

/** SIGKILLs broker `id` (a node loss, no controlled shutdown) and resolves once its process and listener are gone. */
export async function killBroker(s: StackSettings, id = 1): Promise<void> {
  const pid = brokerPid(s, id);
  process.kill(pid, 'SIGKILL');
  // A JVM's main thread turns zombie while its other threads still hold the listener: wait for the port too, or the
  // restart finds it taken.
  while (isRunning(pid) || (await portAcceptsConnections(kafkaNode(s, id).port))) await sleep(50);
}

/** Stops broker `id` as a patch does: SIGTERM, a controlled shutdown that hands its leaderships over first. */
export async function stopBroker(s: StackSettings, id = 1): Promise<void> {
  if (!(await stopNode(kafkaNode(s, id)))) throw new Error(`the local Kafka broker ${id} is not running`);
}

/** Starts the brokers that are down (on their own data) and resolves once the whole cluster answers again. */
export async function startBrokers(s: StackSettings): Promise<void> {
  await startKafka(s);
}

/** Starts broker `id` without waiting for the cluster (which cannot answer while a quorum is missing). */
export async function launchBroker(s: StackSettings, id: number): Promise<void> {
  await launchNode(s, kafkaNode(s, id));
}

/** A rolling restart's step: stop broker `id` (controlled), start it again, resolve once the cluster answers. */
export async function restartBroker(s: StackSettings, id: number): Promise<void> {
  await stopBroker(s, id);
  await startBrokers(s);
}

/** Whether broker `id`'s process (one this stack started) runs. */
export function brokerRunning(s: StackSettings, id: number): boolean {
  return ourBrokerPid(kafkaNode(s, id).paths) !== undefined;
}

/**
 * SIGKILLs broker `id` (a node loss), keeps it down for `downMs` (running `whileDown` meanwhile), and starts it again
 * on the same data; resolves once the cluster answers.
 */
export async function killAndRestartBroker(
  s: StackSettings,
  downMs = 0,
  whileDown?: () => void,
  id = 1,
): Promise<void> {
  await killBroker(s, id);
  whileDown?.();
  if (downMs > 0) await sleep(downMs);
  await startBrokers(s);
}

/** Freezes broker `id` (SIGSTOP): connections stay open and nothing answers, as on a stalled node. */
export function freezeBroker(s: StackSettings, id = 1): () => void {
  const pid = brokerPid(s, id);
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
