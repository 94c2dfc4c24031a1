import type { Capacities } from '../../diff/autoscaling/capacity.js';
import type { BenchReport } from './report.js';

/**
 * loadtests/capacity.json as a recorded full run measured it: the API's events per core and one worker replica's
 * drain rate replace the rates; how long a pod takes to take load is not something the benchmark measures, so each
 * workload keeps its readySeconds. Pure.
 */
export function refreshedCapacities(
  current: Capacities & { readonly $comment?: string },
  report: Pick<BenchReport, 'capacity' | 'machine' | 'startedAt'>,
  run: { readonly label: string; readonly commit: string },
): Capacities & { readonly $comment?: string } {
  const readySeconds = (name: string, fallback: number) => current.workloads[name]?.readySeconds ?? fallback;
  return {
    ...(current.$comment ? { $comment: current.$comment } : {}),
    source: `npm run bench -- --record ${run.label} at ${run.commit.slice(0, 7)}, ${report.startedAt.slice(0, 10)}: ${report.machine.cpus} × ${report.machine.cpuModel}, Node ${report.machine.node} (docs/performance.md); readySeconds are estimates`,
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
