import fs from 'node:fs';
import path from 'node:path';
import { kafkaPaths } from '../stack/kafka.js';
import { postgresPaths } from '../stack/postgres.js';
import { readPid } from '../stack/processes.js';
import type { StackSettings } from '../stack/settings.js';

// Linux reports CPU time in clock ticks; 100 a second on every kernel this runs on (getconf CLK_TCK).
const TICKS_PER_SECOND = 100;

/** utime + stime of a process's or a thread's `stat` text, and of its reaped children when `withChildren`. */
export function statTicks(stat: string, withChildren = false): number {
  // Fields after the command name (which may contain spaces), numbered from 3 (state).
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const at = (n: number) => Number(fields[n - 3]);
  return at(14) + at(15) + (withChildren ? at(16) + at(17) : 0);
}

/** utime + stime of a process, and of its reaped children when `withChildren` (a server that forks per session). */
function processTicks(pid: number, withChildren = false): number {
  try {
    return statTicks(fs.readFileSync(`/proc/${pid}/stat`, 'utf8'), withChildren);
  } catch {
    return 0;
  }
}

/** Nanoseconds the process's threads spent runnable but waiting for a CPU (the run queue), from schedstat. */
function runQueueNs(pid: number): number {
  try {
    return fs
      .readdirSync(`/proc/${pid}/task`)
      .reduce(
        (sum, task) => sum + Number(fs.readFileSync(`/proc/${pid}/task/${task}/schedstat`, 'utf8').split(' ')[1]),
        0,
      );
  } catch {
    return 0;
  }
}

function childrenOf(parent: number): number[] {
  return fs
    .readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .filter((d) => {
      try {
        const stat = fs.readFileSync(`/proc/${d}/stat`, 'utf8');
        return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]) === parent;
      } catch {
        return false;
      }
    })
    .map(Number);
}

function machineBusyTicks(): number {
  const [, ...values] = fs.readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/);
  const n = values.map(Number);
  // user nice system idle iowait irq softirq steal: busy is all but idle and iowait.
  return n.slice(0, 8).reduce((a, b) => a + b, 0) - n[3]! - n[4]!;
}

/** One group's counters: CPU time used (ticks) and time spent waiting for a CPU (ns). */
export interface GroupReading {
  readonly ticks: number;
  readonly waitNs: number;
}

/** The counters of these processes together. */
export const sumOver = (pids: readonly number[]): GroupReading => ({
  ticks: pids.reduce((n, pid) => n + processTicks(pid), 0),
  waitNs: pids.reduce((n, pid) => n + runQueueNs(pid), 0),
});

/** What the reading of a server that forks a process per session needs from /proc; replaceable in tests. */
export interface ForkingServer {
  /** The server's own process and every session process it has forked and not yet reaped. */
  processes(): number[];
  /** utime + stime of one process, 0 once it is gone. */
  ticks(pid: number): number;
  /** utime + stime the server has collected from the sessions it reaped (cutime + cstime). */
  reapedTicks(): number;
}

/**
 * CPU ticks of a forking server: its live processes plus what the sessions that ended left in its reaped counters.
 * A session reaped between the read of its own counters and the read of the server's would count twice (pgbench's
 * sessions end as the window closes: one recorded run showed PostgreSQL at 2.65 cores of a 2-core machine), so the
 * reaped counters are read before and after the live ones, and the reading is repeated until they held still.
 */
export function forkingServerTicks(server: ForkingServer, attempts = 10): number {
  let reaped = server.reapedTicks();
  for (let attempt = 1; ; attempt += 1) {
    const live = server.processes().reduce((n, pid) => n + server.ticks(pid), 0);
    const reapedAfter = server.reapedTicks();
    if (reapedAfter === reaped || attempt >= attempts) return live + reapedAfter;
    reaped = reapedAfter;
  }
}

/**
 * The broker and the PostgreSQL server (postmaster with every session it forked) of the local stack, and the tools
 * this process ran and waited for (ProducerPerformance, pgbench: their time lands in this process's reaped children).
 */
export function stackGroups(stack: StackSettings): Record<string, () => GroupReading> {
  const postmaster = () =>
    Number(fs.readFileSync(path.join(postgresPaths(stack).dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return {
    kafka: () => sumOver([readPid(kafkaPaths(stack).pidFile) ?? -1]),
    postgres: () => {
      const root = postmaster();
      // The processes of the reading's last pass: their wait is read without scanning /proc for them again.
      let listed: number[] = [];
      const ticks = forkingServerTicks({
        processes: () => (listed = [root, ...childrenOf(root)]),
        ticks: (pid) => processTicks(pid),
        reapedTicks: () => processTicks(root, true) - processTicks(root),
      });
      return { ticks, waitNs: listed.reduce((n, pid) => n + runQueueNs(pid), 0) };
    },
    'tool run to completion': () => ({ ticks: processTicks(process.pid, true) - processTicks(process.pid), waitNs: 0 }),
  };
}

export interface CpuShare {
  /** Cores each group used on average over the window (1.0 = one core busy all the time). */
  readonly cores: Record<string, number>;
  /**
   * Threads of each group that were ready to run but waiting for a CPU, on average over the window (from schedstat):
   * above 0, the group's latency includes queueing for the machine, not only its own work.
   */
  readonly waitingForCpu: Record<string, number>;
  /** Cores busy machine-wide, and the part no group here accounts for (other tenants of a shared machine). */
  readonly machine: number;
  readonly others: number;
}

/**
 * Reads CPU time at the start and at the end of a window: what each part of the system cost, and what else ran on the
 * machine meanwhile. On a shared 2-core machine this is what says which part bounds a ratio.
 */
export async function measureCpu<T>(
  groups: Record<string, () => GroupReading>,
  pids: () => Record<string, number[]>,
  work: () => Promise<T>,
): Promise<{ result: T; cpu: CpuShare }> {
  const read = () => {
    const readings: Record<string, GroupReading> = {};
    for (const [name, f] of Object.entries(groups)) readings[name] = f();
    for (const [name, list] of Object.entries(pids())) readings[name] = sumOver(list);
    return readings;
  };
  const before = read();
  const machineBefore = machineBusyTicks();
  const selfBefore = process.cpuUsage();
  const selfWaitBefore = runQueueNs(process.pid);
  const started = performance.now();
  const result = await work();
  const seconds = (performance.now() - started) / 1000;
  const after = read();
  const self = process.cpuUsage(selfBefore);
  const round = (x: number) => Math.round(x * 100) / 100;
  const cores: Record<string, number> = {};
  const waitingForCpu: Record<string, number> = {};
  for (const name of Object.keys(after)) {
    const a = after[name]!;
    const b = before[name] ?? { ticks: 0, waitNs: 0 };
    cores[name] = round((a.ticks - b.ticks) / TICKS_PER_SECOND / seconds);
    waitingForCpu[name] = round(Math.max(0, a.waitNs - b.waitNs) / 1e9 / seconds);
  }
  cores['load generator'] = round((self.user + self.system) / 1e6 / seconds);
  waitingForCpu['load generator'] = round((runQueueNs(process.pid) - selfWaitBefore) / 1e9 / seconds);
  const machine = round((machineBusyTicks() - machineBefore) / TICKS_PER_SECOND / seconds);
  const ours = Object.values(cores).reduce((a, b) => a + b, 0);
  return { result, cpu: { cores, waitingForCpu, machine, others: round(Math.max(0, machine - ours)) } };
}
