import type { DiffReport } from './report.js';
import { CAPACITY_FILE } from './autoscaling/capacity.js';
import { textChart } from './autoscaling/charts.js';
import { changeLine, viewOf } from './change-lines.js';
import { unifiedLines } from './line-diff.js';
import { changedEnvironments, highlightLines } from './report.js';

/** The diff for a terminal. Pure. */
export function formatText(report: DiffReport): string {
  const lines = [`rendered diff: ${report.base} → ${report.head}`];
  if (report.staleHead.length > 0) {
    lines.push(
      `warning: the committed output of ${report.head} is stale (this diff renders it from source):`,
      ...report.staleHead.map((s) => `  ${s}`),
    );
  }
  const changed = changedEnvironments(report);
  if (changed.length === 0) return [...lines, 'no changes'].join('\n');
  for (const diff of changed) {
    lines.push(
      '',
      `== ${diff.environment}: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
    );
    const highlights = highlightLines(diff);
    if (highlights.length > 0) lines.push('highlights:', ...highlights.map((h) => `  ${h}`));
    for (const id of diff.added) lines.push(`+ ${id}`);
    for (const id of diff.removed) lines.push(`- ${id}`);
    for (const resource of diff.changed) {
      lines.push(`~ ${resource.resource}  (${resource.file})`);
      for (const change of resource.changes) {
        lines.push(`    ${changeLine(change)}`);
        const view = viewOf(change);
        if (view.kind === 'lines') lines.push(...unifiedLines(view.hunks).map((l) => `      ${l}`));
      }
    }
    if (diff.autoscaling.length > 0) {
      lines.push(`autoscaling preview (simulated; per-replica capacities from ${CAPACITY_FILE}):`);
      for (const preview of diff.autoscaling) lines.push(...textChart(preview).map((l) => `  ${l}`));
    }
  }
  return lines.join('\n');
}
