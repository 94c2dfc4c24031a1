import fs from 'node:fs';
import { runRender } from '../../generators/render/run.js';
import { formatMarkdown } from '../format-markdown.js';
import { runDiff } from '../run.js';
import { editFile, gitIn, scratchRepo } from '../scratch-repo.js';

/** Where the example comments live, each beside its screenshot (`<name>.md`, `<name>.png`). */
export const EXAMPLES_DIR = 'docs/review-comment';

/** A pull request the examples show: what it changes, and whether its author re-rendered. */
interface Scenario {
  readonly name: string;
  readonly edit: (root: string) => void;
  readonly rerendered: boolean;
}

const STAGING = 'environments/staging/env.yaml';

const SCENARIOS: readonly Scenario[] = [
  {
    // Staging's API scales out sooner (a lower CPU target) but to fewer replicas: the ramp now needs more than it may have.
    name: 'autoscaling',
    edit: (root) => {
      editFile(root, STAGING, /(\napi:[\s\S]*?maxReplicas: )6\n/, '$14\n');
      editFile(root, STAGING, /(\napi:[\s\S]*?targetCpuUtilization: )70\n/, '$145\n');
    },
    rerendered: true,
  },
  {
    name: 'network-edge',
    edit: (root) =>
      editFile(
        root,
        STAGING,
        '    - { from: alb, to: api, port: 8080 }',
        '    - { from: alb, to: api, port: 8080 }\n    - { from: worker, to: api, port: 8080 }',
      ),
    rerendered: true,
  },
  {
    name: 'cost',
    edit: (root) =>
      editFile(root, 'environments/prod/env.yaml', /minSize: 3, desiredSize: 3,/, 'minSize: 4, desiredSize: 4,'),
    // Node groups change no manifest: a render would write nothing.
    rerendered: false,
  },
  {
    name: 'stale-render',
    edit: (root) =>
      editFile(root, 'environments/dev/env.yaml', /(\napi:[\s\S]*?limits: \{ cpu: 500m, memory: )256Mi/, '$1384Mi'),
    rerendered: false,
  },
];

export interface ExampleComment {
  readonly name: string;
  readonly markdown: string;
}

/**
 * The review comment of each example pull request, made as the workflow makes it: the change is committed on a branch
 * of a scratch copy of `source`'s working tree (re-rendered or not, as its author did) and diffed against main.
 */
export async function exampleComments(source: string): Promise<ExampleComment[]> {
  const root = scratchRepo(source);
  try {
    const comments: ExampleComment[] = [];
    for (const scenario of SCENARIOS) {
      gitIn(root, 'checkout', '-q', '-b', scenario.name, 'main');
      scenario.edit(root);
      if (scenario.rerendered) {
        const render = runRender({ repoRoot: root, check: false, environments: [] });
        if (render.exitCode !== 0) throw new Error(`rendering ${scenario.name} failed:\n${render.lines.join('\n')}`);
      }
      gitIn(root, 'add', '-A');
      gitIn(root, 'commit', '-qm', scenario.name);
      const report = await runDiff({ repoRoot: root, base: 'main', head: scenario.name });
      comments.push({ name: scenario.name, markdown: `${formatMarkdown(report)}\n` });
      gitIn(root, 'checkout', '-q', 'main');
    }
    return comments;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
