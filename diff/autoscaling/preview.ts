import { parse } from 'yaml';
import type { RenderedEnvironment } from '../render-side.js';
import type { Autoscaler, Manifest } from './autoscalers.js';
import { autoscalersOf } from './autoscalers.js';
import type { Capacities } from './capacity.js';
import { STANDARD_PROFILES } from './load-profiles.js';
import type { Simulation } from './simulate.js';
import { simulate } from './simulate.js';

/** One load profile, simulated with the autoscaler of each side (absent on a side that has none). */
export interface ProfilePreview {
  /** The profile's short name (`ramp`, `spike`). */
  readonly profile: string;
  readonly description: string;
  readonly before?: Simulation;
  readonly after?: Simulation;
}

/** What a changed autoscaler will do, before and after the change. */
export interface AutoscalingPreview {
  readonly workload: string;
  readonly source: string;
  readonly signal: 'CPU utilization' | 'Kafka consumer lag';
  readonly profiles: ProfilePreview[];
}

const SCALING_KINDS = /^kind:[ \t]*(HorizontalPodAutoscaler|ScaledObject|Deployment)[ \t]*$/m;

function autoscalersOfSide(environment: RenderedEnvironment | undefined): Map<string, Autoscaler> {
  if (!environment) return new Map();
  const objects = [...environment.files.values()]
    .filter((text) => SCALING_KINDS.test(text))
    .map((text) => parse(text) as Manifest);
  return autoscalersOf(objects, (topic) => environment.topicPartitions[topic]);
}

/**
 * For every autoscaler whose inputs differ between the sides (its HPA or ScaledObject, replica bounds, the target's
 * CPU resources, the partitions of its topic), its simulation under the standard load profiles on both sides.
 * Workloads without a capacity in loadtests/capacity.json are left out. Pure but for parsing.
 */
export function autoscalingPreviews(
  base: RenderedEnvironment | undefined,
  head: RenderedEnvironment | undefined,
  capacities: Capacities,
): AutoscalingPreview[] {
  const before = autoscalersOfSide(base);
  const after = autoscalersOfSide(head);
  const previews: AutoscalingPreview[] = [];
  for (const key of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const [old, updated] = [before.get(key), after.get(key)];
    if (JSON.stringify(old) === JSON.stringify(updated)) continue;
    const either = (updated ?? old)!;
    const capacity = capacities.workloads[either.workload];
    if (!capacity) continue;
    previews.push({
      workload: either.workload,
      source: either.source,
      signal: either.kind === 'cpu' ? 'CPU utilization' : 'Kafka consumer lag',
      profiles: STANDARD_PROFILES.map((profile) => ({
        profile: profile.name,
        description: profile.description,
        ...(old ? { before: simulate(old, capacity, profile) } : {}),
        ...(updated ? { after: simulate(updated, capacity, profile) } : {}),
      })),
    });
  }
  return previews;
}
