import { nodeHeapOptions } from '../../generators/render/node-heap.js';
import type { LocalRun } from '../load/local-platform.js';
import { startLocalRun } from '../load/local-platform.js';
import { memoryLimitMiB } from './settings.js';

/**
 * The heap bounds the component's pod runs with in the smallest environment (the rendered NODE_OPTIONS), for every API
 * and worker process the bench starts: what it measures (CPU per event, RSS under a flood) is what such a pod costs.
 */
export function podEnv(component: 'api' | 'worker'): Record<string, string> {
  return { NODE_OPTIONS: nodeHeapOptions(memoryLimitMiB(component)) };
}

/** The local platform with its API and workers started as their pods run (podEnv). */
export function startBenchRun(
  options: Omit<Parameters<typeof startLocalRun>[0], 'apiEnv' | 'workerEnv'>,
): Promise<LocalRun> {
  return startLocalRun({ ...options, apiEnv: podEnv('api'), workerEnv: podEnv('worker') });
}
