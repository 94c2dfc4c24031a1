import type { AutoscalingPreview } from './preview.js';
import type { Simulation } from './simulate.js';

/** Replicas the bounds allow beyond what the profile needs; negative when capped below the need. */
const spare = (s: Simulation) => s.limit - s.neededReplicas;

const bound = (s: Simulation) =>
  s.cappedAt === undefined ? `at most ${s.limit} by ${s.limitedBy}` : `capped at ${s.limit} by ${s.limitedBy}`;

/**
 * What a reviewer must not miss about a changed autoscaler, one line per standard profile it concerns: the change
 * leaves it capped below what the profile needs (or further below than before), or takes away the headroom it had
 * above the need. Nothing when the change gives room or keeps it. Pure.
 */
export function autoscalingWarnings(preview: AutoscalingPreview): string[] {
  const warnings: string[] = [];
  for (const { profile, before, after } of preview.profiles) {
    if (!after) continue;
    const was = before ? `before: needs ${before.neededReplicas}, ${bound(before)}` : 'no autoscaler before';
    const now = `needs ${after.neededReplicas} replicas, ${bound(after)}`;
    if (spare(after) < 0 && (!before || spare(after) < spare(before)))
      warnings.push(`autoscaling: ${preview.workload} cannot reach what the ${profile} profile needs: ${now} (${was})`);
    else if (spare(after) === 0 && before && spare(before) > 0)
      warnings.push(
        `autoscaling: ${preview.workload} loses its headroom under the ${profile} profile: ${now} (${was}, ${spare(before)} to spare)`,
      );
  }
  return warnings;
}
