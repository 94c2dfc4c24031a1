// `tsx tools/images/targets.ts >> "$GITHUB_OUTPUT"`: the images workflow's push targets (tools/images/push-targets.ts)
// as step outputs: `matrix` (JSON for the push job), `count`, and `promote` (JSON list of the environments promoted
// after their own push). Environments skipped are named on stderr, so the workflow's log says why.
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { pushPlan } from './push-targets.js';

// A fork may have set the account before the endpoints exist: the targets need the account and registry only.
const plan = pushPlan(
  listEnvironments(repoRoot).map((name) => loadEnvironment(repoRoot, name, { placeholders: 'tolerated' })),
);
for (const line of plan.skipped) console.error(line);
console.log(`matrix=${JSON.stringify({ include: plan.include })}`);
console.log(`count=${plan.include.length}`);
console.log(`promote=${JSON.stringify(plan.promote)}`);
