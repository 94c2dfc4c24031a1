import type { EnvResult, SideResult } from './rehearse.js';

export interface SyncCheckReport {
  readonly base?: string;
  readonly head: string;
  readonly passed: boolean;
  readonly environments: EnvResult[];
}

function count(side: SideResult, predicate: (a: SideResult['apps'][number]) => boolean): number {
  return side.apps.filter(predicate).length;
}

function fromRepository(side: SideResult): SideResult['apps'] {
  return side.apps.filter((a) => a.source === 'repository');
}

/** `3 ✓` / `1 ✗ of 2` for the hooks of a side. */
function hookSummary(side: SideResult): string {
  if (side.hooks.length === 0) return 'none';
  const ok = side.hooks.filter((h) => h.phase === 'Succeeded').length;
  return ok === side.hooks.length ? `${ok} succeeded` : `${side.hooks.length - ok} of ${side.hooks.length} failed`;
}

export interface SummaryRow {
  readonly environment: string;
  readonly revision: string;
  readonly applications: string;
  readonly synced: string;
  readonly healthy: string;
  readonly hooks: string;
  readonly charts: string;
  readonly time: string;
  readonly verdict: string;
}

/** One row per synced side of each environment (an environment that failed to start gets one row saying so). */
export function summaryRows(report: SyncCheckReport): SummaryRow[] {
  return report.environments.flatMap((env): SummaryRow[] => {
    if (env.sides.length === 0) {
      return [
        {
          environment: env.env,
          revision: '-',
          applications: '-',
          synced: '-',
          healthy: '-',
          hooks: '-',
          charts: '-',
          time: `${Math.round(env.seconds)} s`,
          verdict: 'FAILED',
        },
      ];
    }
    return env.sides.map((side) => {
      const own = fromRepository(side);
      const charts = side.apps.filter((a) => a.source === 'chart');
      return {
        environment: env.env,
        revision: side.label,
        applications: `${own.length} + ${charts.length} charts`,
        synced: `${count(side, (a) => a.source === 'repository' && a.sync === 'Synced')}/${own.length}`,
        healthy: `${count(side, (a) => a.source === 'repository' && a.health === 'Healthy')}/${own.length}`,
        hooks: hookSummary(side),
        charts: `${charts.filter((c) => c.verdict === 'passed').length}/${charts.length} admitted`,
        time: `${Math.round(side.seconds)} s`,
        verdict: side.passed ? 'passed' : 'FAILED',
      };
    });
  });
}

const COLUMNS: [keyof SummaryRow, string][] = [
  ['environment', 'environment'],
  ['revision', 'revision'],
  ['applications', 'applications'],
  ['synced', 'synced'],
  ['healthy', 'healthy'],
  ['hooks', 'hooks'],
  ['charts', 'charts (not synced offline)'],
  ['time', 'time'],
  ['verdict', 'verdict'],
];

export function formatTable(report: SyncCheckReport): string {
  const rows = summaryRows(report);
  const widths = COLUMNS.map(([key, title]) => Math.max(title.length, ...rows.map((r) => r[key].length)));
  const line = (cells: string[]): string =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  return [line(COLUMNS.map(([, title]) => title)), ...rows.map((r) => line(COLUMNS.map(([key]) => r[key])))].join('\n');
}

/** What went wrong, per environment and side, in the server's and Argo CD's own words. */
export function formatFailures(report: SyncCheckReport): string {
  const lines: string[] = [];
  for (const env of report.environments) {
    for (const note of env.notes) lines.push(`${env.env}: ${note}`);
    for (const side of env.sides) {
      for (const f of side.failures) lines.push(`${env.env} (${side.label}): ${f}`);
      for (const n of side.notes) lines.push(`${env.env} (${side.label}): note: ${n}`);
    }
    if (env.logs) lines.push(`${env.env}: logs in ${env.logs}`);
  }
  return lines.join('\n');
}

/** What the check did in place of things that cannot run offline, so nobody takes it for the real thing. */
export function formatStandIns(report: SyncCheckReport): string {
  const lines: string[] = [];
  for (const env of report.environments) {
    for (const side of env.sides) {
      const charts = side.apps.filter((a) => a.source === 'chart').map((a) => a.name);
      if (charts.length > 0)
        lines.push(`${env.env}: charts not synced (offline), admitted by their project only: ${charts.join(', ')}`);
      if (side.standIns.length > 0)
        lines.push(
          `${env.env}: status written by stand-ins for those charts' controllers: ${side.standIns.join(', ')}`,
        );
    }
  }
  return [...new Set(lines)].join('\n');
}

/** One line per environment for the pull request's comment: Argo CD's verdict for the base → head sync. */
export function formatCommentLines(report: SyncCheckReport): string {
  const lines = report.environments.map((env) => {
    const last = env.sides.at(-1);
    const path = env.sides.map((s) => s.label).join(' → ');
    if (env.passed && last) {
      const own = fromRepository(last);
      const hooks = last.hooks.length ? `, ${last.hooks.length} hooks succeeded in wave order` : '';
      const baseFailure = env.sides.slice(0, -1).flatMap((side) => side.failures)[0];
      const base = baseFailure ? ` (the base itself did not settle: ${baseFailure.replaceAll('\n', ' ')})` : '';
      return `- **${env.env}**: ${path}: ✅ Synced and Healthy (${own.length} applications from this repository${hooks}; ${last.apps.length - own.length} charts admitted, not synced offline) in ${Math.round(env.seconds)} s${base}`;
    }
    const failure = last?.failures[0] ?? env.notes[0] ?? 'failed';
    return `- **${env.env}**: ${path || 'not started'}: ❌ ${failure.replaceAll('\n', ' ')}`;
  });
  return [`### Argo CD sync rehearsal (\`npm run sync:check\`)`, '', ...lines].join('\n');
}
