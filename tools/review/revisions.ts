import { spawnSync } from 'node:child_process';
import type { ConfigIssue } from '../../config/issues.js';
import { formatIssue } from '../../config/issues.js';
import { issueInEnvYaml } from '../../config/locate.js';
import type { EnvConfig } from '../../config/schema.js';

// What an environment runs must exist: its images are built by the images workflow from a commit of this branch, and
// Argo CD syncs a commit of this branch. A revision that is not in the branch's history, or that predates the images
// workflow (.github/workflows/images.yml with images/Dockerfile), has no images and never will. Checked with git, so
// not a schema rule: `npm run check` runs it.

/** The files whose first commit together is the first the images workflow could build. */
export const IMAGES_WORKFLOW_FILES = ['.github/workflows/images.yml', 'images/Dockerfile'] as const;

const SHA = /^[0-9a-f]{40}$/;

export interface RevisionCheck {
  readonly issues: ConfigIssue[];
  /** What could not be checked, and why (no git here). */
  readonly notes: string[];
}

function git(repoRoot: string, ...args: string[]): { ok: boolean; out: string } {
  const result = spawnSync('git', args, { cwd: repoRoot, encoding: 'utf8' });
  return { ok: result.status === 0, out: (result.stdout ?? '').trim() };
}

const isAncestor = (repoRoot: string, ancestor: string, of: string) =>
  git(repoRoot, 'merge-base', '--is-ancestor', ancestor, of).ok;

/** The first commit of HEAD's history that holds every file of the images workflow, or undefined. */
export function imagesWorkflowCommit(repoRoot: string): string | undefined {
  const firsts = IMAGES_WORKFLOW_FILES.map(
    (file) => git(repoRoot, 'rev-list', '--reverse', '--topo-order', 'HEAD', '--', file).out.split('\n')[0] || '',
  );
  if (firsts.some((c) => c === '')) return undefined;
  // The later of the two: the one the other is an ancestor of.
  return firsts.reduce((later, commit) => (isAncestor(repoRoot, later, commit) ? commit : later));
}

/** The promoted revisions of every environment (images.tag, and gitops.targetRevision when it is a commit). */
export function checkRevisions(
  repoRoot: string,
  environments: readonly { name: string; config: EnvConfig }[],
): RevisionCheck {
  if (!git(repoRoot, 'rev-parse', '--is-inside-work-tree').ok)
    return { issues: [], notes: ['not a git checkout: the promoted revisions were not checked'] };
  const issue = (environment: string, at: readonly string[], message: string) =>
    issueInEnvYaml(repoRoot, environment, at, message);
  if (git(repoRoot, 'rev-parse', '--is-shallow-repository').out === 'true') {
    return {
      issues: environments.map((e) =>
        issue(
          e.name,
          ['images', 'tag'],
          'cannot be checked in a shallow clone (its history is cut): run `git fetch --unshallow` (in GitHub Actions: actions/checkout with fetch-depth: 0)',
        ),
      ),
      notes: [],
    };
  }
  const workflow = imagesWorkflowCommit(repoRoot);
  const issues: ConfigIssue[] = [];
  for (const { name, config } of environments) {
    const revisions: [readonly string[], string][] = [[['images', 'tag'], config.images.tag]];
    // A branch name (dev follows main) is not a promotion: only a pinned commit is checked.
    if (SHA.test(config.gitops.targetRevision))
      revisions.push([['gitops', 'targetRevision'], config.gitops.targetRevision]);
    for (const [at, revision] of revisions) {
      const short = revision.slice(0, 7);
      const fix = `promote a commit of this branch: npm run promote -- --env ${name} --images <sha>${at[0] === 'gitops' ? ' --revision <sha>' : ''}`;
      if (!git(repoRoot, 'cat-file', '-e', `${revision}^{commit}`).ok)
        issues.push(issue(name, at, `${short} is not a commit of this repository; ${fix}`));
      else if (!isAncestor(repoRoot, revision, 'HEAD'))
        issues.push(issue(name, at, `${short} is not an ancestor of HEAD (this branch); ${fix}`));
      else if (workflow === undefined)
        issues.push(issue(name, at, `this history has no images workflow (${IMAGES_WORKFLOW_FILES.join(', ')})`));
      else if (!isAncestor(repoRoot, workflow, revision))
        issues.push(
          issue(
            name,
            at,
            `${short} predates the images workflow (${workflow.slice(0, 7)}, the first commit with ${IMAGES_WORKFLOW_FILES.join(' and ')}): no image was built from it; ${fix}`,
          ),
        );
    }
  }
  return { issues, notes: [] };
}

/** The check's lines: one per issue, then a summary. */
export function revisionLines(check: RevisionCheck): string[] {
  if (check.issues.length === 0) return [...check.notes, ...(check.notes.length ? [] : ['promoted revisions: ok'])];
  return [
    ...check.issues.map((i) => `error ${formatIssue(i)}`),
    `${check.issues.length} promoted revision(s) refused (docs/operations/first-deploy.md: promote before the first sync)`,
  ];
}
