import { autoscalingWarnings } from './autoscaling/findings.js';
import { changeLine } from './change-lines.js';
import type { EnvironmentDiff } from './compare.js';
import { hasChanges } from './compare.js';

export interface DiffReport {
  readonly base: string;
  readonly head: string;
  /** Files of the head whose committed content is not what its own generators render. */
  readonly staleHead: string[];
  readonly environments: EnvironmentDiff[];
}

export function changedEnvironments(report: DiffReport): EnvironmentDiff[] {
  return report.environments.filter(hasChanges);
}

/**
 * The reviewer-facing lines of one environment: an autoscaler the change leaves short of a standard profile first,
 * then the highlighted fields, connectivity and cost.
 */
export function highlightLines(diff: EnvironmentDiff): string[] {
  const lines: string[] = diff.autoscaling.flatMap(autoscalingWarnings);
  for (const resource of diff.changed) {
    for (const change of resource.changes.filter((c) => c.highlights.length > 0)) {
      lines.push(`${change.highlights.join(', ')}: ${resource.resource} ${changeLine(change)}`);
    }
  }
  for (const c of diff.connectivity.added) lines.push(`connectivity added: ${c}`);
  for (const c of diff.connectivity.removed) lines.push(`connectivity removed: ${c}`);
  if (diff.cost !== undefined) lines.push(diff.cost);
  return lines;
}
