import { describe, expect, it } from 'vitest';
import { noSuspendedJobs } from './no-suspended-jobs.js';
import { devContext, objectNamed } from './testing.js';

describe('no-suspended-job', () => {
  it('passes the committed render', () => expect(noSuspendedJobs.check(devContext())).toStrictEqual([]));

  it('fails a suspended Job, as the load-test Job once was', () => {
    const ctx = devContext();
    objectNamed(ctx, 'Job', 'bootstrap').spec.suspend = true;
    expect(noSuspendedJobs.check(ctx).map((f) => f.resource)).toStrictEqual(['Job/events-dev/bootstrap']);
  });
});
