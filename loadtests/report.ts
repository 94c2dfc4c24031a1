import type { LatencySummary } from './generator/latency.js';
import type { MachineDuringRun } from './generator/machine.js';
import type { SecondSample } from './generator/open-model.js';
import type { LoadLedgerVerdict } from './ledger.js';
import type { ProfileName } from './profiles.js';
import type { BreakpointStep, LoadRun, LoadSettings } from './run.js';
import type { Threshold } from './thresholds.js';

/** reports/load-<profile>.json. The first six fields are the contract; the rest is evidence. */
export interface LoadReport {
  readonly profile: ProfileName;
  readonly ok: boolean;
  readonly thresholds: Threshold[];
  /** Requests the schedule offered (sent, or counted as not sent when the client was saturated). */
  readonly sent: number;
  /** Answers by HTTP status, plus `timeout`, `transport-error` and `not-sent`. */
  readonly status: Record<string, number>;
  readonly latencyMs: LatencySummary;
  readonly description: string;
  /** The machine the generator ran on, during the run: a crowded machine explains a breach it did not cause. */
  readonly machine: MachineDuringRun;
  readonly target: string;
  readonly eventsPerRequest: number;
  readonly elapsedSeconds: number;
  readonly acceptedLatencyMs: LatencySummary;
  readonly outcomes: Record<string, number>;
  readonly ledger?: LoadLedgerVerdict;
  readonly breakpoint?: { readonly kneeRate: number; readonly steps: BreakpointStep[] };
  readonly seconds: SecondSample[];
}

export function buildReport(
  settings: LoadSettings,
  run: LoadRun,
  thresholds: Threshold[],
  machine: MachineDuringRun,
  ledger?: LoadLedgerVerdict,
): LoadReport {
  return {
    profile: settings.plan.profile,
    ok: thresholds.every((t) => t.ok),
    thresholds,
    sent: run.sent,
    status: Object.fromEntries(Object.entries(run.tally.status).sort(([a], [b]) => a.localeCompare(b))),
    latencyMs: run.judged.summary(),
    description: settings.plan.description,
    machine,
    target: settings.origin.origin,
    eventsPerRequest: settings.shape.eventsPerRequest,
    elapsedSeconds: Math.round(run.elapsedMs / 100) / 10,
    acceptedLatencyMs: summarizeAccepted(run),
    outcomes: { ...run.tally.outcomes },
    ...(ledger ? { ledger } : {}),
    ...(run.breakpoint ? { breakpoint: run.breakpoint } : {}),
    seconds: run.seconds,
  };
}

function summarizeAccepted(run: LoadRun): LatencySummary {
  const h = run.judged.acceptedLatency;
  if (h.totalCount === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  const ms = (p: number) => Math.round(h.getValueAtPercentile(p) / 10) / 100;
  return { p50: ms(50), p95: ms(95), p99: ms(99), max: Math.round(h.maxValue / 10) / 100 };
}

/** A plain-text table, as wide as its content. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => `| ${r.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  return [line(cells[0]!), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...cells.slice(1).map(line)].join(
    '\n',
  );
}

export function formatReport(report: LoadReport): string {
  const l = report.latencyMs;
  const lines = [
    `profile ${report.profile}: ${report.description}`,
    `target ${report.target}, ${report.eventsPerRequest} event(s) per request, ${report.elapsedSeconds} s`,
    `machine: ${report.machine.cpus} CPUs, load average ${report.machine.loadAverage}` +
      (report.machine.cpuPressure === null
        ? ''
        : `, some task waiting for a CPU ${Math.round(report.machine.cpuPressure * 100)}% of the time`),
    '',
    table(
      ['sent', 'status', 'p50 ms', 'p95 ms', 'p99 ms', 'max ms'],
      [
        [
          report.sent,
          Object.entries(report.status)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', '),
          l.p50,
          l.p95,
          l.p99,
          l.max,
        ],
      ],
    ),
  ];
  if (report.breakpoint) {
    lines.push(
      '',
      table(
        ['rate/s', 'p95 ms', 'p99 ms', 'error ratio', 'broken'],
        report.breakpoint.steps.map((s) => [
          s.rate,
          s.latencyMs.p95,
          s.latencyMs.p99,
          s.errorRatio,
          s.broken.join(', ') || '-',
        ]),
      ),
      `knee: ${report.breakpoint.kneeRate}/s`,
    );
  }
  if (report.ledger) {
    const v = report.ledger;
    lines.push(
      '',
      `ledger: ${v.required} events answered 2xx, ${v.applied} applied, ${v.lost} lost, ${v.duplicated} applied twice, ` +
        `${v.unexpected} refused but applied, ${v.optionalApplied} of unknown outcome applied once, ` +
        `${v.wrongEffects} wrong effects, ${v.balanceMismatches} wrong balances`,
    );
  }
  lines.push(
    '',
    table(
      ['threshold', 'limit', 'value', 'ok'],
      report.thresholds.map((t) => [t.name, `${t.op} ${t.limit}`, t.value, t.ok ? 'yes' : 'BREACHED']),
    ),
    '',
    report.ok ? 'PASS' : 'FAIL: a threshold was breached',
  );
  return lines.join('\n');
}
