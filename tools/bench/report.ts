import type { AcceptToApplied } from './accept-to-applied.js';
import type { ApiPhaseResult } from './api-phase.js';
import type { CpuShare } from './cpu.js';
import type { FloodResult } from './flood.js';
import type { MeasuredPath, ServiceProcess } from './per-cpu-second.js';
import { SERVICE_PROCESSES, perCpuSecond } from './per-cpu-second.js';
import type { BenchSettings } from './settings.js';
import type { DrainResult } from './worker-drain.js';
import { table } from '../../loadtests/report.js';

export interface Machine {
  readonly cpus: number;
  readonly node: string;
  readonly cpuModel: string;
  /** 1-minute load average when the run started: above the core count, other work shared the machine. */
  readonly loadAverageAtStart: number;
  /** Share of the run during which some task waited for a CPU (PSI); absent in runs recorded before it was measured. */
  readonly cpuPressure?: number | null;
  /**
   * Whether the API and worker processes ran inside a memory cgroup of their pod's limit (Node sizes its heap from it);
   * absent in runs recorded before they did.
   */
  readonly podLimits?: string;
}

/** One API configuration of the run (the last is today's defaults): what each throughput change bought. */
export interface ApiVariantRow {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly singleEventsPerSec: number;
  readonly singleP99Ms: number;
  readonly helloWorldReqPerSec: number;
  readonly singleRatio: number;
  readonly batchEventsPerSec: number;
  readonly batchRatio: number;
}

/** reports/bench.json. `machine`, `api`, `worker`, `e2e` and `recoverySeconds` are the issue's contract. */
export interface BenchReport {
  readonly machine: Machine;
  readonly quick: boolean;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly api: {
    readonly single: { eventsPerSec: number; p99Ms: number; helloWorldReqPerSec: number; ratio: number };
    readonly batch: { eventsPerSec: number; p99Ms: number; producerPerfRecordsPerSec: number; ratio: number };
    readonly floodPeakRssMiB: number;
    readonly variants: ApiVariantRow[];
  };
  readonly worker: {
    readonly eventsPerSec: number;
    readonly pgbenchEventsPerSec: number;
    readonly ratio: number;
    readonly twoReplicasEventsPerSec: number;
    /** Two replicas over one. */
    readonly scaling: number;
  };
  readonly e2e: AcceptToApplied[];
  /** The first seconds of fresh processes, left out of `e2e` (absent from runs recorded before it was measured apart). */
  readonly e2eWarmup?: AcceptToApplied;
  readonly recoverySeconds: number;
  readonly flood: FloodResult;
  /**
   * What one API core and one worker replica handle, in the terms of loadtests/capacity.json (the diff's autoscaling
   * preview): the API's single-event rate over the cores its process used, one replica's drain rate.
   */
  readonly capacity: {
    readonly api: { readonly eventsPerSecondPerCore: number };
    readonly worker: { readonly eventsPerSecondPerReplica: number };
  };
  /** Cores each part used during each measurement, and what else ran on the machine meanwhile. */
  readonly cpu: Record<string, CpuShare>;
  /** Per path, events per CPU-second of each service process (absent in runs recorded before it was reported). */
  readonly eventsPerCpuSecond?: ReturnType<typeof perCpuSecond>;
  readonly goals: Goal[];
}

/**
 * Each path whose CPU window is the rate's own window, with that rate; the flood is left out (its window also covers
 * the drain that follows it, of a length the report does not keep). The cores are the last round's, the rate the
 * median of the rounds, as for the capacity figure.
 */
export function measuredPaths(r: Pick<BenchReport, 'api' | 'worker' | 'cpu'>): Record<string, MeasuredPath> {
  const path = (name: string, eventsPerSec: number, through: ServiceProcess[]): [string, MeasuredPath] => [
    name,
    { eventsPerSec, cpu: r.cpu[name], through },
  ];
  return Object.fromEntries([
    path('API, one event per request', r.api.single.eventsPerSec, ['api', 'postgres', 'kafka']),
    path('API, 100 events per request', r.api.batch.eventsPerSec, ['api', 'postgres', 'kafka']),
    path('ProducerPerformance', r.api.batch.producerPerfRecordsPerSec, ['kafka']),
    path('worker drain, 1 replica', r.worker.eventsPerSec, ['worker', 'postgres', 'kafka']),
    path('worker drain, 2 replicas', r.worker.twoReplicasEventsPerSec, ['worker', 'postgres', 'kafka']),
    path('pgbench', r.worker.pgbenchEventsPerSec, ['postgres']),
  ]);
}

export interface Goal {
  readonly name: string;
  readonly target: string;
  readonly value: string;
  readonly met: boolean;
}

/** The API's capacity figure: single events/s over the cores its process used (at least a hundredth, never 0). */
export const apiEventsPerCore = (eventsPerSec: number, cpu: CpuShare): number =>
  Math.round(eventsPerSec / Math.max(0.01, cpu.cores.api ?? 0));

export const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

export interface BenchInputs {
  readonly settings: BenchSettings;
  readonly machine: Machine;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly api: ApiPhaseResult;
  readonly worker: { one: DrainResult; two: DrainResult; pgbench: { eventsPerSec: number; cpu: CpuShare } };
  readonly e2e: AcceptToApplied[];
  readonly e2eWarmup: AcceptToApplied;
  readonly recoverySeconds: number;
  readonly flood: FloodResult;
  readonly floodCpu: CpuShare;
  readonly rssLimitMiB: number;
}

export function buildBenchReport(i: BenchInputs): BenchReport {
  const perf = i.api.producerPerf.recordsPerSec;
  const variants = i.api.variants.map((v) => ({
    name: v.name,
    env: v.env,
    singleEventsPerSec: v.single.eventsPerSec,
    singleP99Ms: v.single.p99Ms,
    helloWorldReqPerSec: v.helloWorld.requestsPerSec,
    singleRatio: ratio(v.single.eventsPerSec, v.helloWorld.requestsPerSec),
    batchEventsPerSec: v.batch.eventsPerSec,
    batchRatio: ratio(v.batch.eventsPerSec, perf),
  }));
  const today = i.api.variants.at(-1)!;
  const defaults = variants.at(-1)!;
  const partial: Omit<BenchReport, 'goals'> = {
    machine: i.machine,
    quick: i.settings.quick,
    startedAt: i.startedAt,
    durationSeconds: i.durationSeconds,
    api: {
      single: {
        eventsPerSec: defaults.singleEventsPerSec,
        p99Ms: defaults.singleP99Ms,
        helloWorldReqPerSec: defaults.helloWorldReqPerSec,
        ratio: defaults.singleRatio,
      },
      batch: {
        eventsPerSec: defaults.batchEventsPerSec,
        p99Ms: today.batch.p99Ms,
        producerPerfRecordsPerSec: perf,
        ratio: defaults.batchRatio,
      },
      floodPeakRssMiB: i.flood.peakRssMiB,
      variants,
    },
    worker: {
      eventsPerSec: i.worker.one.eventsPerSec,
      pgbenchEventsPerSec: i.worker.pgbench.eventsPerSec,
      ratio: ratio(i.worker.one.eventsPerSec, i.worker.pgbench.eventsPerSec),
      twoReplicasEventsPerSec: i.worker.two.eventsPerSec,
      scaling: ratio(i.worker.two.eventsPerSec, i.worker.one.eventsPerSec),
    },
    e2e: i.e2e,
    e2eWarmup: i.e2eWarmup,
    recoverySeconds: i.recoverySeconds,
    flood: i.flood,
    capacity: {
      api: {
        eventsPerSecondPerCore: apiEventsPerCore(defaults.singleEventsPerSec, today.cpu.single),
      },
      worker: { eventsPerSecondPerReplica: i.worker.one.eventsPerSec },
    },
    cpu: {
      'fastify hello world': today.cpu.helloWorld,
      'API, one event per request': today.cpu.single,
      'API, 100 events per request': today.cpu.batch,
      ProducerPerformance: i.api.producerPerf.cpu,
      'worker drain, 1 replica': i.worker.one.cpu,
      'worker drain, 2 replicas': i.worker.two.cpu,
      pgbench: i.worker.pgbench.cpu,
      flood: i.floodCpu,
    },
  };
  return {
    ...partial,
    eventsPerCpuSecond: perCpuSecond(measuredPaths(partial)),
    goals: goals(partial, i.rssLimitMiB),
  };
}

/** Accept → applied where the load is light and where it is ten times that: the waits show at the first. */
export const LATENCY_GOALS = {
  light: { ratePerSec: 1000, p50Ms: 10, p99Ms: 50 },
  heavy: { ratePerSec: 10_000, p99Ms: 50 },
} as const;

/** The goal a rate of the accept → applied curve is judged by, in the console's table ('—' between the two). */
export function latencyGoalAt(ratePerSec: number): string {
  const { light, heavy } = LATENCY_GOALS;
  if (ratePerSec === light.ratePerSec) return `goal: p50 ≤ ${light.p50Ms} ms, p99 ≤ ${light.p99Ms} ms`;
  if (ratePerSec === heavy.ratePerSec) return `goal: p99 ≤ ${heavy.p99Ms} ms, every event accepted`;
  return '—';
}

/** The throughput goals, judged on one run's numbers. */
export function goals(r: Omit<BenchReport, 'goals'>, rssLimitMiB: number): Goal[] {
  const { light, heavy } = LATENCY_GOALS;
  const at = (rate: number) => r.e2e.find((e) => e.ratePerSec === rate);
  const lightRun = at(light.ratePerSec);
  const heavyRun = at(heavy.ratePerSec);
  const goal = (name: string, target: string, value: string, met: boolean): Goal => ({ name, target, value, met });
  return [
    goal('API single-event vs fastify hello world', '≥ 0.5', String(r.api.single.ratio), r.api.single.ratio >= 0.5),
    goal('API single-event p99', '≤ 25 ms', `${r.api.single.p99Ms} ms`, r.api.single.p99Ms <= 25),
    goal('API batch vs ProducerPerformance', '≥ 0.5', String(r.api.batch.ratio), r.api.batch.ratio >= 0.5),
    goal('worker (1 replica) vs pgbench', '≥ 0.9', String(r.worker.ratio), r.worker.ratio >= 0.9),
    goal('2 worker replicas vs 1', '> 1', String(r.worker.scaling), r.worker.scaling > 1),
    goal(
      `accept → applied at ${light.ratePerSec.toLocaleString('en')}/s`,
      `p50 ≤ ${light.p50Ms} ms, p99 ≤ ${light.p99Ms} ms`,
      lightRun ? `p50 ${lightRun.p50Ms} ms, p99 ${lightRun.p99Ms} ms` : 'not measured',
      lightRun !== undefined && lightRun.p50Ms <= light.p50Ms && lightRun.p99Ms <= light.p99Ms,
    ),
    goal(
      `accept → applied at ${heavy.ratePerSec.toLocaleString('en')}/s`,
      `p99 ≤ ${heavy.p99Ms} ms, every event accepted`,
      heavyRun ? `p99 ${heavyRun.p99Ms} ms, ${heavyRun.notAccepted} not accepted` : 'not measured',
      heavyRun !== undefined && heavyRun.p99Ms <= heavy.p99Ms && heavyRun.notAccepted === 0,
    ),
    goal(
      `flood of ${r.flood.ratePerSec.toLocaleString('en')}/s: sheds, no 5xx, no 2xx lost`,
      'shed > 0, no 5xx, none lost',
      `${r.flood.shed} shed, ${r.flood.serverErrors} 5xx, ${r.flood.ledger.lost} lost`,
      r.flood.shed > 0 && r.flood.ledger.lost === 0 && r.flood.ledger.duplicated === 0 && r.flood.serverErrors === 0,
    ),
    goal(
      'API peak RSS under the flood',
      `≤ ${rssLimitMiB} MiB (smallest limit in env.yaml)`,
      `${r.api.floodPeakRssMiB} MiB${r.flood.oomKills ? `, killed ${r.flood.oomKills} time(s) for outgrowing it` : ''}`,
      r.api.floodPeakRssMiB <= rssLimitMiB && !r.flood.oomKills,
    ),
  ];
}

const n = (x: number): string => Math.round(x).toLocaleString('en');

/** Events per CPU-second of each service process, per path: what carries from this machine to a cluster's node. */
export function perCpuSecondTable(
  r: Pick<BenchReport, 'api' | 'worker' | 'cpu'>,
  render: (header: string[], rows: string[][]) => string,
): string {
  const figures = perCpuSecond(measuredPaths(r));
  return render(
    ['events per CPU-second during', ...SERVICE_PROCESSES],
    Object.entries(figures).map(([path, row]) => [
      path,
      ...SERVICE_PROCESSES.map((p) => (row[p] === undefined ? '' : n(row[p]))),
    ]),
  );
}

/** The issue's table with today's numbers, then what each change bought, where the CPU went, and the goals. */
export function formatBench(r: BenchReport): string {
  const rows: string[][] = [
    [
      'API, one event per request',
      `${n(r.api.single.eventsPerSec)} events/s, p99 ${r.api.single.p99Ms} ms`,
      `fastify hello world ${n(r.api.single.helloWorldReqPerSec)} req/s`,
      String(r.api.single.ratio),
    ],
    [
      'API, 100 events per request',
      `${n(r.api.batch.eventsPerSec)} events/s`,
      `ProducerPerformance, acks=all: ${n(r.api.batch.producerPerfRecordsPerSec)} rec/s`,
      String(r.api.batch.ratio),
    ],
    [
      'worker drain, exactly-once, 1 replica',
      `${n(r.worker.eventsPerSec)} events/s`,
      `pgbench, same transaction: ${n(r.worker.pgbenchEventsPerSec)} events/s`,
      String(r.worker.ratio),
    ],
    [
      'worker drain, 2 replicas',
      `${n(r.worker.twoReplicasEventsPerSec)} events/s`,
      `1 replica: ${n(r.worker.eventsPerSec)} events/s`,
      String(r.worker.scaling),
    ],
    ...r.e2e.map((e) => [
      `accept → applied at ${n(e.ratePerSec)}/s`,
      `p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms`,
      latencyGoalAt(e.ratePerSec),
      '—',
    ]),
  ];
  const cpuNames = [...new Set(Object.values(r.cpu).flatMap((c) => Object.keys(c.cores)))];
  const lines = [
    table(['path', 'this project', 'ceiling on the same machine', 'ratio'], rows),
    '',
    `flood ${n(r.flood.ratePerSec)}/s for ${r.flood.seconds} s: ${n(r.flood.accepted)} accepted, ${n(r.flood.shed)} shed (429/503 with Retry-After), ` +
      `status ${JSON.stringify(r.flood.status)}; API RSS ${r.flood.baselineRssMiB} MiB before, peak ${r.api.floodPeakRssMiB} MiB; ` +
      `ledger: ${r.flood.ledger.lost} lost, ${r.flood.ledger.duplicated} applied twice`,
    `a SIGKILLed worker's partitions processed again after ${r.recoverySeconds} s`,
    `capacity (loadtests/capacity.json terms): API ${n(r.capacity.api.eventsPerSecondPerCore)} events/s per core, ` +
      `worker ${n(r.capacity.worker.eventsPerSecondPerReplica)} events/s per replica`,
    `machine: ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, load average ${r.machine.loadAverageAtStart} at the start` +
      (typeof r.machine.cpuPressure === 'number'
        ? `, some task waiting for a CPU ${Math.round(r.machine.cpuPressure * 100)}% of the run`
        : ''),
  ];
  if (r.api.variants.length > 1)
    lines.push(
      '',
      table(
        ['API settings', 'single events/s', 'p99 ms', 'hello world req/s', 'ratio', 'batch events/s', 'ratio'],
        r.api.variants.map((v) => [
          v.name,
          n(v.singleEventsPerSec),
          String(v.singleP99Ms),
          n(v.helloWorldReqPerSec),
          String(v.singleRatio),
          n(v.batchEventsPerSec),
          String(v.batchRatio),
        ]),
      ),
    );
  const perPhase = (pick: (c: CpuShare) => Record<string, number>, extra: (c: CpuShare) => string[]) =>
    Object.entries(r.cpu).map(([phase, c]) => [
      phase,
      ...cpuNames.map((k) => (pick(c)[k] === undefined ? '' : String(pick(c)[k]))),
      ...extra(c),
    ]);
  lines.push(
    '',
    table(
      ['cores used during', ...cpuNames, 'others', 'machine'],
      perPhase(
        (c) => c.cores,
        (c) => [String(c.others), String(c.machine)],
      ),
    ),
    '',
    table(
      ['threads waiting for a CPU during', ...cpuNames],
      perPhase(
        (c) => c.waitingForCpu,
        () => [],
      ),
    ),
    '',
    perCpuSecondTable(r, table),
    '',
    table(
      ['goal', 'target', 'this run', 'met'],
      r.goals.map((g) => [g.name, g.target, g.value, g.met ? 'yes' : 'no']),
    ),
  );
  return lines.join('\n');
}
