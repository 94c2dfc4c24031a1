import type { Capacities } from '../../diff/autoscaling/capacity.js';
import type { BenchReport } from './report.js';

/** The run a capacity file's figures come from. */
export interface CapacityRun {
  readonly label: string;
  readonly commit: string;
  /**
   * The round trip added to the broker's and PostgreSQL's ports (`--round-trip-ms`), as stated and as an echo through
   * the same delay measured it; absent, the run measured them on loopback as it is (microseconds a round trip).
   */
  readonly roundTrip?: { readonly statedMs: number; readonly measuredP50Ms: number };
}

/** How `source` names the network the figures were measured over. Pure. */
export function networkConditions(run: CapacityRun): string {
  return run.roundTrip === undefined
    ? 'the broker and PostgreSQL on loopback, no round trip added'
    : `the broker's and PostgreSQL's ports delayed by a ${run.roundTrip.statedMs} ms round trip on loopback ` +
        `(${run.roundTrip.measuredP50Ms} ms measured, p50)`;
}

/**
 * loadtests/capacity.json as a recorded run measured it: the API's events per core and one worker replica's drain rate
 * replace the rates, and `source` says which run, which machine and which network; how long a pod takes to take load
 * is not something the benchmark measures, so each workload keeps its readySeconds. Pure.
 */
export function refreshedCapacities(
  current: Capacities & { readonly $comment?: string },
  report: Pick<BenchReport, 'capacity' | 'machine' | 'startedAt'>,
  run: CapacityRun,
): Capacities & { readonly $comment?: string } {
  const readySeconds = (name: string, fallback: number) => current.workloads[name]?.readySeconds ?? fallback;
  const command = `npm run bench --${run.roundTrip ? ` --round-trip-ms ${run.roundTrip.statedMs}` : ''} --record ${run.label}`;
  return {
    ...(current.$comment ? { $comment: current.$comment } : {}),
    ...(run.roundTrip ? { roundTripMs: run.roundTrip.statedMs } : {}),
    source: `${command} at ${run.commit.slice(0, 7)}, ${report.startedAt.slice(0, 10)}: ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node} (docs/performance.md); ${networkConditions(run)}; readySeconds are estimates`,
    workloads: {
      ...current.workloads,
      api: {
        eventsPerSecondPerCore: report.capacity.api.eventsPerSecondPerCore,
        readySeconds: readySeconds('api', 20),
      },
      worker: {
        eventsPerSecondPerReplica: report.capacity.worker.eventsPerSecondPerReplica,
        readySeconds: readySeconds('worker', 30),
      },
    },
  };
}

/**
 * Why a run must leave the file as it is, or undefined when it may refresh it: figures measured behind a round trip
 * are the closer to a cluster, so a later run on loopback does not replace them (a run behind a round trip does). Pure.
 */
export function capacitiesKept(current: Capacities, run: CapacityRun): string | undefined {
  if (current.roundTripMs === undefined || run.roundTrip !== undefined) return undefined;
  return (
    `it holds capacities measured behind a ${current.roundTripMs} ms round trip, closer to a cluster than loopback's; ` +
    `refresh them with \`npm run bench -- --round-trip-ms ${current.roundTripMs} --record <label>\``
  );
}
