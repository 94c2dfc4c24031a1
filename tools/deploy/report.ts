import type { DeployCheckReport } from './deploy-check.js';

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i]!))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

const mib = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MiB`;
const secs = (s: number | undefined): string => (s === undefined ? '—' : `${s.toFixed(1)} s`);

/** The run's summary as a reader wants it: images, pods, jobs, the restore drill's access, stand-ins, the verdict. */
export function formatDeployReport(r: DeployCheckReport): string {
  const parts: string[] = [];
  parts.push(
    table(
      ['image', 'reference', 'size', 'build', 'cached'],
      r.images.map((i) => [i.target, i.reference, mib(i.sizeBytes), secs(i.buildSeconds), i.cached ? 'yes' : 'no']),
    ),
  );
  parts.push(`node Ready ${secs(r.timings.nodeReadySeconds)} after the start`);
  parts.push(
    table(
      ['pod', 'started after', 'Ready after'],
      r.pods.map((p) => [p.pod, secs(p.startedSeconds), secs(p.readySeconds)]),
    ),
  );
  const hooks = r.sync.sides.at(-1)?.hooks ?? [];
  if (hooks.length > 0) {
    parts.push(
      table(
        ['hook', 'result'],
        hooks.map((h) => [h.object, `${h.phase} ${h.message}`.trim()]),
      ),
    );
  }
  if (r.jobs.length > 0) {
    parts.push(
      table(
        ['job', 'from CronJob', 'result', 'time', 'arguments changed'],
        r.jobs.map((j) => [
          j.job,
          j.fromCronJob,
          j.passed ? 'passed' : 'failed',
          secs(j.seconds),
          j.argsChanged || '—',
        ]),
      ),
    );
    for (const j of r.jobs) if (j.output) parts.push(`${j.job}, the end of its output:\n${j.output}`);
  }
  if (r.restoreDrillAccess.length > 0) {
    const denied = r.restoreDrillAccess.filter((a) => !a.allowed);
    parts.push(
      `restore drill's ServiceAccount: ${r.restoreDrillAccess.length - denied.length} of ${r.restoreDrillAccess.length} calls allowed by the rendered RBAC`,
    );
  }
  parts.push(`stand-ins (everything else is real):\n${r.standIns.map((s) => `  - ${s}`).join('\n')}`);
  if (r.notes.length > 0) parts.push(`notes:\n${r.notes.map((n) => `  - ${n}`).join('\n')}`);
  if (r.failures.length > 0) parts.push(`failures:\n${r.failures.map((f) => `  ✗ ${f}`).join('\n')}`);
  parts.push(`deploy check of ${r.env}: ${r.passed ? 'passed' : 'FAILED'} in ${secs(r.seconds)}`);
  return parts.join('\n\n');
}
