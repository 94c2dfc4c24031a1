import fs from 'node:fs';
import { statTicks } from './cpu.js';

/**
 * What garbage collection cost a Node process over a window, from outside it: the collections its own /metrics
 * counts (prom-client's `nodejs_gc_duration_seconds`, by kind) and the CPU of its threads other than the main one,
 * which a CPU profile never shows. Those are V8's helper threads (concurrent marking, parallel scavenging, sweeping)
 * and libuv's pool, which the worker does not use on its path; for the worker they were a third of its CPU before its
 * heap was split for it (docs/performance.md, "The worker's garbage collection").
 */
export interface GcReading {
  /** Full (mark-compact) collections, and scavenges, that ended in the window. */
  readonly fullCollections: number;
  readonly scavenges: number;
  /** The share of the process's CPU in the window used by threads other than its main thread. */
  readonly otherThreadsShare: number;
  /** The process's peak resident memory so far, MiB (VmHWM). */
  readonly peakRssMiB: number;
}

/** Collections by kind from a Prometheus text exposition: `nodejs_gc_duration_seconds_count{kind="major"} 21`. */
export function gcCounts(metricsText: string): { major: number; minor: number } {
  const count = (kind: string) => {
    const line = metricsText
      .split('\n')
      .find((l) => l.startsWith('nodejs_gc_duration_seconds_count{') && l.includes(`kind="${kind}"`));
    return line === undefined ? 0 : Number(line.slice(line.lastIndexOf(' ') + 1));
  };
  return { major: count('major'), minor: count('minor') };
}

/** CPU ticks (utime + stime) of a process's main thread and of all its other threads, from /proc. */
export function threadTicks(pid: number, proc = '/proc'): { main: number; others: number } {
  let main = 0;
  let others = 0;
  for (const task of fs.readdirSync(`${proc}/${pid}/task`)) {
    let stat: string;
    try {
      stat = fs.readFileSync(`${proc}/${pid}/task/${task}/stat`, 'utf8');
    } catch {
      continue; // the thread ended between the listing and the read
    }
    const ticks = statTicks(stat);
    if (Number(task) === pid) main += ticks;
    else others += ticks;
  }
  return { main, others };
}

/** VmHWM of a process in MiB, 0 when it cannot be read. */
export function peakRssMiB(pid: number, proc = '/proc'): number {
  try {
    const line = fs
      .readFileSync(`${proc}/${pid}/status`, 'utf8')
      .split('\n')
      .find((l) => l.startsWith('VmHWM:'));
    return line === undefined ? 0 : Math.round(Number(line.split(/\s+/)[1]) / 1024);
  } catch {
    return 0;
  }
}

/** Starts a reading of one process, whose /metrics answers on `metricsPort`; the returned function ends it. */
export async function startGcReading(pid: number, metricsPort: number): Promise<() => Promise<GcReading>> {
  const scrape = async () => gcCounts(await (await fetch(`http://127.0.0.1:${metricsPort}/metrics`)).text());
  const countsBefore = await scrape();
  const ticksBefore = threadTicks(pid);
  return async () => {
    const ticksAfter = threadTicks(pid);
    const countsAfter = await scrape();
    const main = ticksAfter.main - ticksBefore.main;
    const others = ticksAfter.others - ticksBefore.others;
    return {
      fullCollections: countsAfter.major - countsBefore.major,
      scavenges: countsAfter.minor - countsBefore.minor,
      otherThreadsShare: main + others === 0 ? 0 : others / (main + others),
      peakRssMiB: peakRssMiB(pid),
    };
  };
}

/** One line for the bench's output. */
export function describeGc(reading: GcReading): string {
  const share = Math.round(reading.otherThreadsShare * 100);
  return (
    `garbage collection: ${reading.fullCollections} full collections, ${reading.scavenges} scavenges; ` +
    `threads besides the main one ${share} % of its CPU; peak RSS ${reading.peakRssMiB} MiB`
  );
}
