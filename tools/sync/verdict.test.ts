import { describe, expect, it } from 'vitest';
import type { Application } from './application.js';
import { judgeApp, judgeChartApp, judgeRepositoryApp } from './verdict.js';

const REPO = 'file:///tmp/rehearsal/repo';
const REVISION = 'c0ffee';

function repositoryApp(status: Application['status']): Application {
  return {
    metadata: { name: 'dev-event-platform' },
    spec: { source: { repoURL: REPO, path: 'environments/dev/manifests', targetRevision: 'main' } },
    status,
  };
}

function chartApp(conditions: { type: string; message: string }[]): Application {
  return {
    metadata: { name: 'dev-keda' },
    spec: { source: { repoURL: 'https://kedacore.github.io/charts', chart: 'keda', targetRevision: '2.20.2' } },
    status: { conditions },
  };
}

describe('judging an Application of this repository', () => {
  it('passes when Argo CD reports it Synced to the expected revision and Healthy after a Succeeded sync', () => {
    const app = repositoryApp({
      sync: { status: 'Synced', revision: REVISION },
      health: { status: 'Healthy' },
      operationState: { phase: 'Succeeded', syncResult: { revision: REVISION } },
    });
    expect(judgeRepositoryApp(app, REVISION)).toStrictEqual({ state: 'passed', detail: 'Synced and Healthy' });
  });

  it('keeps waiting while it is Synced and Healthy at an earlier revision', () => {
    const app = repositoryApp({ sync: { status: 'Synced', revision: 'base' }, health: { status: 'Healthy' } });
    expect(judgeRepositoryApp(app, REVISION).state).toBe('pending');
  });

  it("fails at once, with the server's message, when a sync attempt fails and Argo CD retries it", () => {
    const message = 'Job.batch "smoke" is invalid: spec.template: Invalid value: ...: field is immutable';
    const app = repositoryApp({
      sync: { status: 'OutOfSync', revision: REVISION },
      health: { status: 'Healthy' },
      operationState: {
        phase: 'Running',
        retryCount: 1,
        message: 'Retrying attempt #1 at 8:00AM.',
        syncResult: {
          resources: [{ kind: 'Job', namespace: 'events-dev', name: 'smoke', status: 'SyncFailed', message }],
        },
      },
    });
    const verdict = judgeRepositoryApp(app, REVISION);
    expect(verdict).toMatchObject({ state: 'failed', lasting: true });
    expect(verdict.detail).toContain(`Job/events-dev/smoke: ${message}`);
  });

  it('waits on a retry after a failure another sync may remove (a kind its project does not permit yet)', () => {
    const message =
      'resource admissionregistration.k8s.io:ValidatingAdmissionPolicy is not permitted in project events-dev';
    const app = repositoryApp({
      sync: { status: 'OutOfSync', revision: REVISION },
      operationState: {
        phase: 'Running',
        retryCount: 1,
        syncResult: { resources: [{ kind: 'ValidatingAdmissionPolicy', name: 'p', status: 'SyncFailed', message }] },
      },
    });
    expect(judgeRepositoryApp(app, REVISION)).toStrictEqual({
      state: 'retrying',
      detail: `sync attempt failed: ValidatingAdmissionPolicy/p: ${message}`,
    });
  });

  it('names a Degraded resource, as a failure that counts only if it lasts', () => {
    const app = repositoryApp({
      sync: { status: 'Synced', revision: REVISION },
      health: { status: 'Degraded' },
      resources: [
        {
          version: 'v2',
          group: 'autoscaling',
          kind: 'HorizontalPodAutoscaler',
          namespace: 'events-dev',
          name: 'api',
          status: 'Synced',
          health: { status: 'Degraded', message: 'no metrics' },
        },
      ],
    });
    const verdict = judgeRepositoryApp(app, REVISION);
    expect(verdict).toMatchObject({ state: 'failed', lasting: false });
    expect(verdict.detail).toContain('HorizontalPodAutoscaler/events-dev/api Degraded (no metrics)');
  });

  it('reports a comparison error as a failure that counts only if it lasts', () => {
    const app = repositoryApp({ conditions: [{ type: 'ComparisonError', message: 'repo server unreachable' }] });
    expect(judgeRepositoryApp(app, REVISION)).toMatchObject({ state: 'failed', lasting: false });
  });

  it("fails at once when a comparison carries the API server's refusal (a server-side diff's dry run)", () => {
    const message =
      'error calculating server side diff: serverSideDiff error: error running server side apply in dryrun mode for resource Job/smoke: Job.batch "smoke" is invalid: spec.template: field is immutable';
    const app = repositoryApp({ conditions: [{ type: 'ComparisonError', message }] });
    expect(judgeRepositoryApp(app, REVISION)).toStrictEqual({
      state: 'failed',
      detail: `ComparisonError: ${message}`,
      lasting: true,
    });
  });
});

describe('judging a chart Application', () => {
  it('passes once Argo CD admitted it and tried to fetch its chart', () => {
    const app = chartApp([{ type: 'ComparisonError', message: 'failed to fetch chart' }]);
    expect(judgeChartApp(app)).toStrictEqual({
      state: 'passed',
      detail: 'admitted by its project; chart not synced (offline)',
    });
  });

  it("fails with Argo CD's message when its project refuses it", () => {
    const message =
      'application destination server ... and namespace keda do not match any of the allowed destinations';
    const app = chartApp([{ type: 'InvalidSpecError', message }]);
    expect(judgeChartApp(app)).toStrictEqual({ state: 'failed', detail: `not admitted: ${message}`, lasting: false });
  });

  it('is told apart from an Application of this repository by its sources', () => {
    expect(judgeApp(chartApp([]), REPO, REVISION)).toStrictEqual({ state: 'pending', detail: 'not compared yet' });
    expect(judgeApp(repositoryApp({}), REPO, REVISION).state).toBe('pending');
  });
});
