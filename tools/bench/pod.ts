import { nodeHeapOptions, youngGenerationOf } from '../../generators/render/node-heap.js';
import type { LocalRun } from '../load/local-platform.js';
import { startLocalRun } from '../load/local-platform.js';
import { memoryCgroupSupport } from '../local/memory-cgroup.js';
import { memoryLimitMiB } from './settings.js';

/** How a component's pod runs in the smallest environment: its rendered NODE_OPTIONS and its memory limit. */
export interface PodShape {
  readonly env: Record<string, string>;
  readonly memoryLimitMiB: number;
}

/**
 * Every API and worker process the bench starts runs as its pod does: with the rendered heap bounds, inside a memory
 * cgroup of the pod's limit (where the machine allows one: podLimitsApplied), so what it measures (CPU per event, RSS
 * under a flood) is what such a pod costs.
 */
export function pod(component: 'api' | 'worker'): PodShape {
  const limit = memoryLimitMiB(component);
  const profile = cpuProfileDir === undefined ? '' : ` --cpu-prof --cpu-prof-dir=${cpuProfileDir}`;
  return {
    env: { NODE_OPTIONS: nodeHeapOptions(limit, youngGenerationOf(component)) + profile },
    memoryLimitMiB: limit,
  };
}

let cpuProfileDir: string | undefined;

/**
 * `--cpu-profile DIR`: every API and worker process the bench starts from now on writes a V8 CPU profile into `dir`
 * when it exits (`node --cpu-prof`), so "where does the time go" is answered by the same run that measured the time.
 */
export function profileServicesInto(dir: string): void {
  cpuProfileDir = dir;
}

/** How the report says whether the pods' memory limits were applied, and if not, why. */
export function podLimitsApplied(): string {
  const support = memoryCgroupSupport();
  return 'unavailable' in support
    ? `no: ${support.unavailable} (heap bounds only)`
    : `yes: memory cgroup v${support.version}`;
}

/** The local platform with its API and workers started as their pods run. */
export function startBenchRun(
  options: Omit<Parameters<typeof startLocalRun>[0], 'apiEnv' | 'workerEnv' | 'memoryLimitsMiB'>,
): Promise<LocalRun> {
  const api = pod('api');
  const worker = pod('worker');
  return startLocalRun({
    ...options,
    apiEnv: api.env,
    workerEnv: worker.env,
    memoryLimitsMiB: { api: api.memoryLimitMiB, worker: worker.memoryLimitMiB },
  });
}
