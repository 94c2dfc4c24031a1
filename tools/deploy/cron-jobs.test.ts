import { describe, expect, it } from 'vitest';
import type { CronJob } from './cron-jobs.js';
import { jobFromCronJob, withArgs } from './cron-jobs.js';

const cron: CronJob = {
  metadata: { name: 'chaos-drill', namespace: 'events-dev' },
  spec: {
    jobTemplate: {
      metadata: { labels: { 'app.kubernetes.io/name': 'chaos-drill' } },
      spec: {
        backoffLimit: 0,
        template: {
          spec: { containers: [{ name: 'chaos-drill', args: ['chaos', '--duration', '120', '--kills', '2'] }] },
        },
      },
    },
  },
};

describe('jobFromCronJob', () => {
  it("keeps the template's labels and pod spec, as kubectl create job --from=cronjob does", () => {
    const job = jobFromCronJob(cron, 'run-1') as {
      metadata: { labels: object };
      spec: typeof cron.spec.jobTemplate.spec;
    };
    expect(job.metadata.labels).toStrictEqual({ 'app.kubernetes.io/name': 'chaos-drill' });
    expect(job.spec.backoffLimit).toBe(0);
    expect(job.spec.template.spec.containers[0]!.args).toStrictEqual(['chaos', '--duration', '120', '--kills', '2']);
  });

  it('changes only the arguments it is asked to, and leaves the CronJob as it was', () => {
    const job = jobFromCronJob(cron, 'run-2', (a) => withArgs(a, { '--duration': '30' })) as {
      spec: typeof cron.spec.jobTemplate.spec;
    };
    expect(job.spec.template.spec.containers[0]!.args).toStrictEqual(['chaos', '--duration', '30', '--kills', '2']);
    expect(cron.spec.jobTemplate.spec.template.spec.containers[0]!.args).toContain('120');
  });
});

describe('withArgs', () => {
  it('replaces a flag value, removes a flag with its value, and keeps the rest in order', () => {
    const rendered = ['--profile', 'ramp', '--target', 'http://api:8080', '--rate', '1000', '--allow-remote'];
    expect(withArgs(rendered, { '--profile': 'smoke', '--rate': undefined })).toStrictEqual([
      '--profile',
      'smoke',
      '--target',
      'http://api:8080',
      '--allow-remote',
    ]);
  });
});
