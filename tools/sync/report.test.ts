import { describe, expect, it } from 'vitest';
import type { EnvResult, SideResult } from './rehearse.js';
import type { SyncCheckReport } from './report.js';
import { formatCommentLines, formatTable } from './report.js';

function side(label: string, failures: string[] = []): SideResult {
  return {
    label,
    passed: failures.length === 0,
    seconds: 41.6,
    apps: [
      { name: 'dev-root', source: 'repository', sync: 'Synced', health: 'Healthy', verdict: 'passed', detail: '' },
      {
        name: 'dev-event-platform',
        source: 'repository',
        sync: failures.length ? 'OutOfSync' : 'Synced',
        health: 'Healthy',
        verdict: failures.length ? 'failed' : 'passed',
        detail: '',
      },
      { name: 'dev-keda', source: 'chart', sync: 'Unknown', health: 'Healthy', verdict: 'passed', detail: '' },
    ],
    hooks: [],
    failures,
    podSecurity: [],
    standIns: [],
    rewrites: [],
    notes: [],
  };
}

function report(...environments: EnvResult[]): SyncCheckReport {
  return { base: 'main', head: 'working tree', passed: environments.every((e) => e.passed), environments };
}

const passing: EnvResult = {
  env: 'dev',
  passed: true,
  seconds: 66.2,
  sides: [side('main (1a2b3c4d)'), side('working tree')],
  notes: [],
  crds: [],
};
const failing: EnvResult = {
  env: 'prod',
  passed: false,
  seconds: 80,
  sides: [
    side('main (1a2b3c4d)'),
    side('working tree', ['prod-event-platform: sync attempt failed: Job/events-prod/smoke: field is immutable']),
  ],
  notes: [],
  crds: [],
};

describe('the sync rehearsal report', () => {
  it('tabulates each side of each environment', () => {
    const table = formatTable(report(passing)).split('\n');
    expect(table[0]).toMatch(/^environment\s+revision\s+applications\s+synced\s+healthy\s+hooks/);
    expect(table[2]).toMatch(
      /^dev\s+working tree\s+2 \+ 1 charts\s+2\/2\s+2\/2\s+none\s+1\/1 admitted\s+42 s\s+passed$/,
    );
  });

  it("gives the pull request one line per environment with Argo CD's verdict for base → head", () => {
    expect(formatCommentLines(report(passing, failing)).split('\n').slice(2)).toStrictEqual([
      '- **dev**: main (1a2b3c4d) → working tree: ✅ Synced and Healthy (2 applications from this repository; 1 charts admitted, not synced offline) in 66 s',
      '- **prod**: main (1a2b3c4d) → working tree: ❌ prod-event-platform: sync attempt failed: Job/events-prod/smoke: field is immutable',
    ]);
  });
});
