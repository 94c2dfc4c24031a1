import type { CpuShare } from './cpu.js';

/** The processes whose CPU the figure is about: the services that ship, and the broker and database they drive. */
export const SERVICE_PROCESSES = ['api', 'worker', 'postgres', 'kafka'] as const;

/**
 * Events per CPU-second of one process: the rate a path sustained over the cores that process used meanwhile. Unlike
 * a rate, it carries from this shared machine to a node of a cluster (a pod's CPU request is in cores). Null when the
 * process used too little CPU to divide by (Linux counts CPU time in 10 ms ticks) or did not take part.
 */
export function eventsPerCpuSecond(eventsPerSec: number, cores: number | undefined): number | null {
  if (cores === undefined || !(cores >= 0.01) || !(eventsPerSec >= 0)) return null;
  return Math.round(eventsPerSec / cores);
}

export type ServiceProcess = (typeof SERVICE_PROCESSES)[number];

/** One measured path: its rate, the CPU of each process in the same window (the report's `cpu` entry), and the
 * processes the path runs through (an idle broker's few ticks during pgbench would give a meaningless figure). */
export interface MeasuredPath {
  readonly eventsPerSec: number;
  readonly cpu: CpuShare | undefined;
  readonly through: readonly ServiceProcess[];
}

/** For each path, events per CPU-second of each process it runs through. */
export function perCpuSecond(
  paths: Record<string, MeasuredPath>,
): Record<string, Partial<Record<ServiceProcess, number>>> {
  const table: Record<string, Partial<Record<ServiceProcess, number>>> = {};
  for (const [path, { eventsPerSec, cpu, through }] of Object.entries(paths)) {
    const row: Partial<Record<ServiceProcess, number>> = {};
    for (const process of through) {
      const figure = eventsPerCpuSecond(eventsPerSec, cpu?.cores[process]);
      if (figure !== null) row[process] = figure;
    }
    table[path] = row;
  }
  return table;
}
