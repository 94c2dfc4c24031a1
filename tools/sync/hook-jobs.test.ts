import { describe, expect, it } from 'vitest';
import type { SyncResultResource } from './application.js';
import { settledByJob } from './hook-jobs.js';

const running: SyncResultResource = {
  kind: 'Job',
  namespace: 'events-dev',
  name: 'bootstrap',
  hookType: 'PreSync',
  hookPhase: 'Running',
  message: 'job.batch/bootstrap serverside-applied',
};
const job = (type: string, status = 'True') => ({ status: { conditions: [{ type, status, message: 'why' }] } });

describe('a hook result settled by its Job', () => {
  it('takes Complete as Succeeded and Failed as Failed', () => {
    expect(settledByJob(running, job('Complete')).hookPhase).toBe('Succeeded');
    expect(settledByJob(running, job('Failed')).hookPhase).toBe('Failed');
    expect(settledByJob(running, job('Failed')).message).toContain('why');
  });

  it('leaves a Job that has not ended, or is gone, as Argo CD last reported it', () => {
    expect(settledByJob(running, job('Complete', 'False'))).toBe(running);
    expect(settledByJob(running, { status: {} })).toBe(running);
    expect(settledByJob(running, undefined)).toBe(running);
  });

  it('never overrides a phase Argo CD reported as final', () => {
    const failed = { ...running, hookPhase: 'Failed', message: 'BackoffLimitExceeded' };
    expect(settledByJob(failed, job('Complete'))).toBe(failed);
  });
});
