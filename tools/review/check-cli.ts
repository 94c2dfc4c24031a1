// `npm run check`: the render check, then validation, in one process (one start-up, one config load): the committed
// output must be what the generators render, and it must pass every policy.
import { repoRoot } from '../../config/paths.js';
import { runRender } from '../../generators/render/run.js';
import { runValidation } from '../../policies/validate/run.js';

async function main(): Promise<number> {
  const render = runRender({ repoRoot, check: true, environments: [] });
  (render.exitCode === 0 ? console.log : console.error)(render.lines.join('\n'));
  if (render.exitCode !== 0) return render.exitCode;
  const validation = await runValidation(repoRoot, []);
  (validation.exitCode === 2 ? console.error : console.log)(validation.lines.join('\n'));
  return validation.exitCode;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`check: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
