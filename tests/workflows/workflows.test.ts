import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { repoRoot } from '../../config/paths.js';

// The workflows as GitHub would read them: what each job runs on and what it needs from the checkout.

interface Step {
  uses?: string;
  run?: string;
  with?: Record<string, unknown>;
}
interface Job {
  container?: string;
  needs?: string | string[];
  if?: string;
  steps: Step[];
}

const DIR = path.join(repoRoot, '.github/workflows');
const workflows = fs
  .readdirSync(DIR)
  .filter((f) => f.endsWith('.yml'))
  .map((file) => ({
    file,
    jobs: (parse(fs.readFileSync(path.join(DIR, file), 'utf8')) as { jobs: Record<string, Job> }).jobs,
  }));
const jobs = workflows.flatMap(({ file, jobs }) =>
  Object.entries(jobs).map(([name, job]) => ({ id: `${file} ${name}`, job })),
);
const runs = (job: Job, text: string) => job.steps.some((s) => s.run?.includes(text));

describe('the workflows', () => {
  it('run Node 24 wherever they run Node', () => {
    const nodeJobs = jobs.filter(
      ({ job }) =>
        job.container?.startsWith('node:') || job.steps.some((s) => s.uses?.startsWith('actions/setup-node')),
    );
    expect(nodeJobs.length).toBeGreaterThan(3);
    for (const { id, job } of nodeJobs) {
      const versions = [
        ...(job.container ? [/^node:(\d+)/.exec(job.container)?.[1]] : []),
        ...job.steps
          .filter((s) => s.uses?.startsWith('actions/setup-node'))
          .map((s) => String(s.with?.['node-version'])),
      ];
      expect(versions, id).toStrictEqual(versions.map(() => '24'));
    }
  });

  it('check out the whole history wherever npm run check runs (the promoted revisions are followed through it)', () => {
    const checking = jobs.filter(({ job }) => runs(job, 'npm run -s check') || runs(job, '.ci/run'));
    expect(checking.map((j) => j.id).sort()).toStrictEqual([
      'ci.yml ci',
      'rendered-diff.yml rehearsal',
      'rendered-diff.yml review',
    ]);
    for (const { id, job } of checking) {
      const checkout = job.steps.find((s) => s.uses?.startsWith('actions/checkout'));
      expect(checkout?.with?.['fetch-depth'], id).toBe(0);
    }
  });

  it('post the rendered diff from a job that does not wait for the long one', () => {
    const review = workflows.find((w) => w.file === 'rendered-diff.yml')!.jobs.review!;
    expect(review.needs).toBeUndefined();
    expect(runs(review, '.ci/run')).toBe(false);
    expect(runs(review, 'pr-comment-cli.ts pending')).toBe(true);
  });

  it("promote dev after its own push, whatever the other environments' pushes did", () => {
    const images = workflows.find((w) => w.file === 'images.yml')!.jobs;
    expect(images.promote!.if).toContain('!cancelled()');
    expect(images.promote!.steps.some((s) => s.run?.includes('if [[ -f "$RUNNER_TEMP/pushed/$env" ]]'))).toBe(true);
    expect((images.push as Job & { strategy: { 'fail-fast': boolean } }).strategy['fail-fast']).toBe(false);
  });
});
