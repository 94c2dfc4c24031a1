import type { AcceptToApplied } from './accept-to-applied.js';
import type { FloodResult } from './flood.js';
import { table } from '../../loadtests/report.js';

/** reports/bench.json. `machine`, `api`, `worker`, `e2e` and `recoverySeconds` are the contract. */
export interface BenchReport {
  readonly machine: {
    readonly cpus: number;
    readonly node: string;
    readonly cpuModel: string;
    /** 1-minute load average when the run started: above the core count, other work shared the machine. */
    readonly loadAverageAtStart: number;
  };
  readonly quick: boolean;
  readonly startedAt: string;
  readonly durationSeconds: number;
  readonly api: {
    readonly single: {
      readonly eventsPerSec: number;
      readonly p99Ms: number;
      readonly helloWorldReqPerSec: number;
      readonly helloWorldP99Ms: number;
      readonly ratio: number;
    };
    readonly batch: {
      readonly eventsPerSec: number;
      readonly p99Ms: number;
      readonly producerPerfRecordsPerSec: number;
      readonly ratio: number;
    };
    readonly floodPeakRssMiB: number;
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
  readonly recoverySeconds: number;
  readonly flood: FloodResult;
  readonly goals: Goal[];
}

export interface Goal {
  readonly name: string;
  readonly target: string;
  readonly value: string;
  readonly met: boolean;
}

export const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 100) / 100 : 0);

/** The throughput goals, judged on one run's numbers. */
export function goals(r: Omit<BenchReport, 'goals'>, e2eRate: number, rssLimitMiB: number): Goal[] {
  const at = r.e2e.find((e) => e.ratePerSec === e2eRate);
  return [
    {
      name: 'API single-event vs fastify hello world',
      target: '≥ 0.5',
      value: String(r.api.single.ratio),
      met: r.api.single.ratio >= 0.5,
    },
    {
      name: 'API single-event p99',
      target: '≤ 25 ms',
      value: `${r.api.single.p99Ms} ms`,
      met: r.api.single.p99Ms <= 25,
    },
    {
      name: 'API batch vs ProducerPerformance',
      target: '≥ 0.5',
      value: String(r.api.batch.ratio),
      met: r.api.batch.ratio >= 0.5,
    },
    {
      name: 'worker (1 replica) vs pgbench',
      target: '≥ 0.9',
      value: String(r.worker.ratio),
      met: r.worker.ratio >= 0.9,
    },
    { name: '2 worker replicas vs 1', target: '> 1', value: String(r.worker.scaling), met: r.worker.scaling > 1 },
    {
      name: `accept → applied p99 at ${e2eRate.toLocaleString('en')}/s`,
      target: '≤ 100 ms',
      value: at ? `${at.p99Ms} ms` : 'not measured',
      met: at !== undefined && at.p99Ms <= 100,
    },
    {
      name: `flood of ${r.flood.ratePerSec.toLocaleString('en')}/s: sheds, no 5xx, no 2xx lost`,
      target: 'shed > 0, thresholds hold',
      value: `${r.flood.shed} shed, ${r.flood.ledger.lost} lost, ${r.flood.ok ? 'thresholds hold' : 'threshold breached'}`,
      met: r.flood.shed > 0 && r.flood.ok,
    },
    {
      name: 'API peak RSS under the flood',
      target: `≤ ${rssLimitMiB} MiB`,
      value: `${r.api.floodPeakRssMiB} MiB`,
      met: r.api.floodPeakRssMiB <= rssLimitMiB,
    },
  ];
}

const n = (x: number): string => Math.round(x).toLocaleString('en');

/** The table with today's numbers, then the rest of the run. */
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
      'goal p99 ≤ 100 ms',
      '—',
    ]),
  ];
  return [
    table(['path', 'this project', 'ceiling on the same machine', 'ratio'], rows),
    '',
    `flood ${n(r.flood.ratePerSec)}/s for ${r.flood.seconds} s: ${n(r.flood.accepted)} accepted, ${n(r.flood.shed)} shed (429/503 with Retry-After), ` +
      `status ${JSON.stringify(r.flood.status)}; API RSS ${r.flood.baselineRssMiB} MiB before, peak ${r.api.floodPeakRssMiB} MiB; ` +
      `ledger: ${r.flood.ledger.lost} lost, ${r.flood.ledger.duplicated} applied twice`,
    `a SIGKILLed worker's partitions processed again after ${r.recoverySeconds} s`,
    `machine: ${r.machine.cpus} × ${r.machine.cpuModel}, Node ${r.machine.node}, load average ${r.machine.loadAverageAtStart} at the start`,
    '',
    table(
      ['goal', 'target', 'this run', 'met'],
      r.goals.map((g) => [g.name, g.target, g.value, g.met ? 'yes' : 'no']),
    ),
  ].join('\n');
}
