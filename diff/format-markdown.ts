import type { EnvironmentDiff } from './compare.js';
import type { DiffReport } from './report.js';
import { CAPACITY_FILE } from './autoscaling/capacity.js';
import { markdownCharts } from './autoscaling/markdown-charts.js';
import type { ChangeView } from './change-lines.js';
import { viewOf } from './change-lines.js';
import type { FieldChange } from './field-diff.js';
import { unifiedLines } from './line-diff.js';
import { changedEnvironments, highlightLines } from './report.js';

/** Marks the pull-request comment so the workflow updates it instead of adding another. */
export const COMMENT_MARKER = '<!-- rendered-diff -->';

/** GitHub refuses comments longer than this. */
export const GITHUB_COMMENT_LIMIT = 65_536;

const code = (text: string) => `\`${text.replaceAll('|', '\\|').replaceAll('`', "'")}\``;

function row(change: FieldChange, view: ChangeView): string {
  const cells =
    view.kind === 'inline'
      ? [code(view.before), code(view.after)]
      : [`text, ${view.removed} line(s) removed`, `${view.added} line(s) added (line diff below)`];
  return `| ${code(change.path)} | ${cells.join(' | ')} |`;
}

/** A fenced block that no line of the value can close early. */
function diffBlock(change: FieldChange, lines: string[]): string[] {
  const fence = '`'.repeat(Math.max(3, ...lines.map((l) => (/`+/.exec(l)?.[0].length ?? 0) + 1)));
  return ['', code(change.path), '', `${fence}diff`, ...lines, fence];
}

function summary(report: DiffReport): string[] {
  const lines = [COMMENT_MARKER, `## Rendered diff: \`${report.base}\` → \`${report.head}\``, ''];
  if (report.staleHead.length > 0) {
    lines.push(
      `> **Warning:** the committed output of \`${report.head}\` is stale; this diff renders it from source. Run \`npm run render\` and commit:`,
      ...report.staleHead.map((s) => `> - \`${s}\``),
      '',
    );
  }
  const changed = changedEnvironments(report);
  if (changed.length === 0) return [...lines, 'No changes.'];
  lines.push('| environment | added | removed | changed | connectivity |', '| --- | --- | --- | --- | --- |');
  for (const d of changed) {
    const connectivity = `+${d.connectivity.added.length} / -${d.connectivity.removed.length}`;
    lines.push(
      `| ${d.environment} | ${d.added.length} | ${d.removed.length} | ${d.changed.length} | ${connectivity} |`,
    );
  }
  for (const d of changed) {
    const highlights = highlightLines(d);
    if (highlights.length > 0) lines.push('', `**${d.environment}**`, ...highlights.map((h) => `- ${h}`));
  }
  return lines;
}

function autoscaling(diff: EnvironmentDiff): string[] {
  if (diff.autoscaling.length === 0) return [];
  return [
    '',
    `What the changed autoscalers will do, simulated with Kubernetes' HPA algorithm and KEDA's lag mapping from the rendered objects and the per-replica capacities of \`${CAPACITY_FILE}\`:`,
    ...diff.autoscaling.flatMap((preview) => ['', ...markdownCharts(preview)]),
  ];
}

function details(diff: EnvironmentDiff): string[] {
  const lines = ['', `### ${diff.environment}`, ...autoscaling(diff)];
  for (const id of diff.added) lines.push(`- added \`${id}\``);
  for (const id of diff.removed) lines.push(`- removed \`${id}\``);
  for (const resource of diff.changed) {
    const views = resource.changes.map((change) => ({ change, view: viewOf(change) }));
    lines.push(
      '',
      `<details><summary>changed <code>${resource.resource}</code> (${resource.changes.length} field${resource.changes.length === 1 ? '' : 's'})</summary>`,
      '',
      `\`${resource.file}\``,
      '',
      '| field | before | after |',
      '| --- | --- | --- |',
      ...views.map(({ change, view }) => row(change, view)),
      ...views.flatMap(({ change, view }) =>
        view.kind === 'lines' ? diffBlock(change, unifiedLines(view.hunks)) : [],
      ),
      '',
      '</details>',
    );
  }
  return lines;
}

/**
 * The diff as a pull-request comment: the summary table and highlights always, details folded per resource. When the
 * whole would exceed `limit` characters, details are dropped from the last environment backwards, and it says so.
 */
export function formatMarkdown(report: DiffReport, limit = GITHUB_COMMENT_LIMIT): string {
  const head = summary(report);
  const sections = changedEnvironments(report).map(details);
  const trimmedNote = (omitted: string[]) => [
    '',
    `_Details of ${omitted.join(', ')} were left out to stay under ${limit.toLocaleString('en-US')} characters; run \`npm run diff\` locally for all of them._`,
  ];
  for (let kept = sections.length; kept >= 0; kept -= 1) {
    const omitted = changedEnvironments(report)
      .slice(kept)
      .map((d) => d.environment);
    const text = [...head, ...sections.slice(0, kept).flat(), ...(omitted.length > 0 ? trimmedNote(omitted) : [])].join(
      '\n',
    );
    if (text.length <= limit || kept === 0)
      return text.length <= limit ? text : `${text.slice(0, limit - 100)}\n\n_Summary truncated._`;
  }
  return head.join('\n');
}
