import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { repoRoot } from '../../config/paths.js';

// DrillFailed, evaluated by Prometheus's own rule engine (`promtool test rules`) on the committed prod render: it
// fires when a drill's latest run failed or none passed for too long, clears when one passes, and leaves a suspended
// drill alone. promtool is built by tools/install/alert-tools.sh (npm test runs it first).
const PROMTOOL = path.join(repoRoot, '.cache/bin/promtool');
const RULES = 'environments/prod/manifests/events-prod/prometheusrule.monitoring.coreos.com_event-platform-slos.yaml';
const NS = 'events-prod';
// Job start times are Unix seconds; any positive origin will do.
const START = 1_800_000_000;

interface Rule {
  alert: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const rendered = parse(fs.readFileSync(path.join(repoRoot, RULES), 'utf8')) as {
  spec: { groups: { rules: Rule[] }[] };
};
const drillFailed = rendered.spec.groups.flatMap((g) => g.rules).find((r) => r.alert === 'DrillFailed')!;

/** The alert promtool must see for a drill, its annotations expanded as Prometheus expands them. */
const firing = (cronjob: string) => ({
  exp_labels: { ...drillFailed.labels, namespace: NS, cronjob },
  exp_annotations: Object.fromEntries(
    Object.entries(drillFailed.annotations).map(([k, v]) => [k, v.replaceAll('{{ $labels.cronjob }}', cronjob)]),
  ),
});

/** One Job of a drill: its owner, when it started (seconds), and from which minute it failed or succeeded. */
function job(
  name: string,
  cronjob: string,
  startMinute: number,
  outcome: 'failed' | 'succeeded',
  atMinute: number,
  minutes: number,
) {
  const job = `namespace="${NS}", job_name="${name}"`;
  const present = (from: number, value: string) => `${from > 0 ? `_x${from} ` : ''}${value}x${minutes - from}`;
  const flag = `${startMinute > 0 ? `_x${startMinute} ` : ''}0x${atMinute - startMinute - 1} 1x${minutes - atMinute}`;
  return [
    {
      series: `kube_job_owner{${job}, owner_kind="CronJob", owner_name="${cronjob}", owner_is_controller="true"}`,
      values: present(startMinute, '1'),
    },
    { series: `kube_job_status_start_time{${job}}`, values: present(startMinute, String(START + startMinute * 60)) },
    { series: `kube_job_status_${outcome}{${job}}`, values: flag },
  ];
}

function cronJob(cronjob: string, minutes: number, suspended = false, lastSuccess?: number) {
  const labels = `namespace="${NS}", cronjob="${cronjob}"`;
  return [
    { series: `kube_cronjob_created{${labels}}`, values: `0x${minutes}` },
    { series: `kube_cronjob_spec_suspend{${labels}}`, values: `${suspended ? 1 : 0}x${minutes}` },
    ...(lastSuccess === undefined
      ? []
      : [{ series: `kube_cronjob_status_last_successful_time{${labels}}`, values: `${lastSuccess}x${minutes}` }]),
  ];
}

function promtoolTest(tests: unknown[]): { status: number | null; output: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'drill-alert-'));
  fs.writeFileSync(path.join(dir, 'rules.yaml'), stringify({ groups: rendered.spec.groups }));
  fs.writeFileSync(
    path.join(dir, 'test.yaml'),
    stringify({ rule_files: ['rules.yaml'], evaluation_interval: '1m', tests }),
  );
  const run = spawnSync(PROMTOOL, ['test', 'rules', 'test.yaml'], { cwd: dir, encoding: 'utf8' });
  fs.rmSync(dir, { recursive: true, force: true });
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

// promtool takes seconds to start on a busy machine: more than vitest's default 5 s.
describe('DrillFailed (promtool test rules on the prod render)', { timeout: 60_000 }, () => {
  it('promtool is installed', () =>
    expect(fs.existsSync(PROMTOOL), 'run: bash tools/install/alert-tools.sh').toBe(true));

  it('fires when the latest chaos run failed and clears when the next one passes', () => {
    const minutes = 40;
    const result = promtoolTest([
      {
        interval: '1m',
        input_series: [
          ...cronJob('chaos-drill', minutes, false, 0),
          ...job('chaos-drill-1', 'chaos-drill', 0, 'failed', 5, minutes),
          ...job('chaos-drill-1', 'chaos-drill', 0, 'succeeded', minutes, minutes).slice(2),
          ...job('chaos-drill-2', 'chaos-drill', 20, 'succeeded', 25, minutes),
          ...job('chaos-drill-2', 'chaos-drill', 20, 'failed', minutes, minutes).slice(2),
        ],
        alert_rule_test: [
          { eval_time: '3m', alertname: 'DrillFailed', exp_alerts: [] },
          { eval_time: '10m', alertname: 'DrillFailed', exp_alerts: [firing('chaos-drill')] },
          { eval_time: '22m', alertname: 'DrillFailed', exp_alerts: [firing('chaos-drill')] },
          { eval_time: '30m', alertname: 'DrillFailed', exp_alerts: [] },
        ],
      },
    ]);
    expect(result.output).toContain('SUCCESS');
    expect(result.status).toBe(0);
  });

  it('fires for a drill whose first run failed, before any run ever passed', () => {
    const result = promtoolTest([
      {
        interval: '1m',
        input_series: [...cronJob('restore-drill', 20), ...job('restore-drill-1', 'restore-drill', 0, 'failed', 5, 20)],
        alert_rule_test: [{ eval_time: '10m', alertname: 'DrillFailed', exp_alerts: [firing('restore-drill')] }],
      },
    ]);
    expect(result.output).toContain('SUCCESS');
  });

  it('fires when the restore drill has not passed for longer than a day and its deadline, unless suspended', () => {
    const hours = 30;
    const result = promtoolTest([
      {
        interval: '1h',
        input_series: [...cronJob('restore-drill', hours, false, 0), ...cronJob('chaos-drill', hours, false, 0)],
        alert_rule_test: [
          { eval_time: '24h', alertname: 'DrillFailed', exp_alerts: [] },
          // chaos-drill runs on weekdays only: three days without a pass is still within its schedule.
          { eval_time: '28h', alertname: 'DrillFailed', exp_alerts: [firing('restore-drill')] },
        ],
      },
      {
        interval: '1h',
        input_series: cronJob('restore-drill', hours, true, 0),
        alert_rule_test: [{ eval_time: '28h', alertname: 'DrillFailed', exp_alerts: [] }],
      },
    ]);
    expect(result.output).toContain('SUCCESS');
  });

  it('would catch an alert that never fires (the test can fail)', () => {
    const result = promtoolTest([
      {
        interval: '1m',
        input_series: cronJob('chaos-drill', 10, false, 0),
        alert_rule_test: [{ eval_time: '5m', alertname: 'DrillFailed', exp_alerts: [firing('chaos-drill')] }],
      },
    ]);
    expect(result.status).not.toBe(0);
    expect(result.output).toContain('FAILED');
  });
});
