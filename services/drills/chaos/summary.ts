import type { ChaosReport } from './report.js';

const n = (value: number): string => value.toLocaleString('en-US');

/** The readable end of a chaos drill's output: the verdict first, then the figures behind it. */
export function chaosSummary(report: ChaosReport): string {
  const seconds = (value: number | null): string => (value === null ? 'never' : `${value.toFixed(1)} s`);
  const lines = [
    `chaos drill ${report.ok ? 'PASSED' : 'FAILED'}${report.workerMode ? ` (worker mode ${report.workerMode})` : ''}`,
    ...report.failures.map((f) => `  ✗ ${f}`),
    '',
    `  events sent / acknowledged / applied   ${n(report.sent)} / ${n(report.accepted)} / ${n(report.applied)}`,
    `  duplicated / lost                      ${n(report.duplicated)} / ${n(report.lost)}`,
    `  accounts with a wrong balance          ${n(report.balanceMismatches.length)}`,
    `  faults                                 ${report.faults.map((f) => f.type).join(', ') || 'none'}`,
    `  lag back under ${n(report.lagSlo)} after last fault   ${seconds(report.lagRecoverySeconds)} (limit ${report.lagRecoveryLimitSeconds} s, peak ${n(report.lagPeak)})`,
    `  drained after the load                 ${seconds(report.drainSeconds)}`,
    `  API error ratio                        ${(report.apiErrorRatio * 100).toFixed(2)} % outside dependency restarts (budget ${(report.apiErrorBudget * 100).toFixed(2)} %), ${(report.apiErrorRatioOverall * 100).toFixed(2)} % overall`,
  ];
  return lines.join('\n');
}
