import type { RestoreReport } from './report.js';

/** The readable end of a restore drill's output: the verdict, RPO and RTO, then every check. */
export function restoreSummary(report: RestoreReport): string {
  const width = Math.max(...report.checks.map((c) => c.name.length), 10);
  return [
    `restore drill ${report.ok ? 'PASSED' : 'FAILED'}`,
    ...report.failures.map((f) => `  ✗ ${f}`),
    '',
    `  events in the source ledger   ${report.events.toLocaleString('en-US')}`,
    `  failure / restored to         ${report.failedAt} / ${report.restoreTime}`,
    `  RPO                           ${report.rpoSeconds === null ? 'none (nothing restored)' : `${report.rpoSeconds.toFixed(2)} s`} (objective ${report.objectives.rpoSeconds} s)`,
    `  RTO                           ${report.rtoSeconds.toFixed(2)} s (objective ${report.objectives.rtoSeconds} s): restore ${report.restoreSeconds.toFixed(2)} s, verify ${report.verifySeconds.toFixed(2)} s`,
    '',
    ...report.checks.map(
      (c) =>
        `  ${c.ok ? '✓' : '✗'} ${c.name.padEnd(width)}  ${c.ok ? c.source : `source ${c.source}, restored ${c.restored}`}`,
    ),
  ].join('\n');
}
