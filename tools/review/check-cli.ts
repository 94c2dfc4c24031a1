// `npm run check`: the render check, the promoted revisions and the rules across environments, then validation, in one process (one start-up, one config
// load): the committed output must be what the generators render, every environment must run images and revisions
// of this branch, and the output must pass every policy.
import { formatIssue } from '../../config/issues.js';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { sharedAccountIssues } from '../../config/shared-accounts.js';
import { repoRoot } from '../../config/paths.js';
import { runRender } from '../../generators/render/run.js';
import { runValidation } from '../../policies/validate/run.js';
import { checkRevisions, revisionLines } from './revisions.js';

async function main(): Promise<number> {
  const render = runRender({ repoRoot, check: true, environments: [] });
  (render.exitCode === 0 ? console.log : console.error)([...(render.warnings ?? []), ...render.lines].join('\n'));
  if (render.exitCode !== 0) return render.exitCode;
  const environments = listEnvironments(repoRoot).map((name) => loadEnvironment(repoRoot, name));
  const revisions = checkRevisions(repoRoot, environments);
  (revisions.issues.length === 0 ? console.log : console.error)(revisionLines(revisions).join('\n'));
  const shared = sharedAccountIssues(repoRoot, environments);
  for (const issue of shared) console.error(`error ${formatIssue(issue)}`);
  const validation = await runValidation(repoRoot, []);
  (validation.exitCode === 2 ? console.error : console.log)(validation.lines.join('\n'));
  return Math.max(validation.exitCode, revisions.issues.length + shared.length > 0 ? 1 : 0);
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`check: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
