import { describe, expect, it } from 'vitest';
import type { HookRun } from './hooks.js';
import { hookRuns, jobTimesFromAudit, waveOrderViolations } from './hooks.js';

const jobEvent = (name: string, verb: string, stageTimestamp: string, subresource?: string) =>
  JSON.stringify({
    verb,
    stageTimestamp,
    objectRef: { resource: 'jobs', namespace: 'events-dev', name, subresource },
    responseStatus: { code: 201 },
  });

function run(object: string, wave: number, createdAt: string, finishedAt: string): HookRun {
  return {
    object,
    hookType: 'PreSync',
    phase: 'Succeeded',
    syncPhase: 'PreSync',
    wave,
    message: '',
    createdAt,
    finishedAt,
  };
}

describe('hook timings', () => {
  it('takes a server-side apply that created the Job as its creation', () => {
    const applied = JSON.stringify({
      verb: 'patch',
      stageTimestamp: '2026-01-01T00:00:02Z',
      objectRef: { resource: 'jobs', namespace: 'events-dev', name: 'migrate' },
      responseStatus: { code: 201 },
    });
    expect(jobTimesFromAudit(applied).get('events-dev/migrate')?.createdAt).toBe('2026-01-01T00:00:02Z');
  });

  it("reads a Job's creation and its last status write from the audit log", () => {
    const log = [
      jobEvent('migrate', 'create', '2026-01-01T00:00:01Z'),
      jobEvent('migrate', 'update', '2026-01-01T00:00:03Z', 'status'),
      jobEvent('migrate', 'update', '2026-01-01T00:00:05Z', 'status'),
    ].join('\n');
    expect(jobTimesFromAudit(log).get('events-dev/migrate')).toStrictEqual({
      createdAt: '2026-01-01T00:00:01Z',
      finishedAt: '2026-01-01T00:00:05Z',
    });
  });

  it('joins the hooks of a sync result with their declared waves and timings', () => {
    const runs = hookRuns(
      [
        {
          kind: 'Job',
          namespace: 'events-dev',
          name: 'migrate',
          hookType: 'PreSync',
          hookPhase: 'Succeeded',
          syncPhase: 'PreSync',
        },
        { kind: 'Deployment', namespace: 'events-dev', name: 'api', status: 'Synced' },
      ],
      new Map([['Job/events-dev/migrate', -2]]),
      new Map([['events-dev/migrate', { createdAt: 'a', finishedAt: 'b' }]]),
    );
    expect(runs).toStrictEqual([
      {
        object: 'Job/events-dev/migrate',
        hookType: 'PreSync',
        phase: 'Succeeded',
        syncPhase: 'PreSync',
        wave: -2,
        message: '',
        createdAt: 'a',
        finishedAt: 'b',
      },
    ]);
  });
});

describe('wave order of hooks', () => {
  it('accepts hooks that each start after the earlier waves finished', () => {
    const runs = [
      run('Job/events-dev/migrate', -2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:05Z'),
      run('Job/events-dev/topics', -1, '2026-01-01T00:00:06Z', '2026-01-01T00:00:09Z'),
    ];
    expect(waveOrderViolations(runs)).toStrictEqual([]);
  });

  it('reports a hook that started before an earlier wave had finished', () => {
    const runs = [
      run('Job/events-dev/migrate', -2, '2026-01-01T00:00:00Z', '2026-01-01T00:00:05Z'),
      run('Job/events-dev/topics', -1, '2026-01-01T00:00:02Z', '2026-01-01T00:00:09Z'),
    ];
    expect(waveOrderViolations(runs)).toStrictEqual([
      'Job/events-dev/topics (wave -1) started at 2026-01-01T00:00:02Z, before Job/events-dev/migrate (wave -2) finished at 2026-01-01T00:00:05Z',
    ]);
  });
});
