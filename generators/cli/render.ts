// `npm run render [-- --check] [-- --env <name> ...]`: renders environments/<env>/env.yaml into manifests.
import { parseArgs } from 'node:util';
import { repoRoot } from '../../config/paths.js';
import { runRender } from '../render/run.js';

function main(): number {
  const { values } = parseArgs({
    options: {
      check: { type: 'boolean', default: false },
      env: { type: 'string', multiple: true, default: [] },
    },
    strict: true,
  });
  const result = runRender({ repoRoot, check: values.check, environments: values.env });
  const stream = result.exitCode === 0 ? process.stdout : process.stderr;
  for (const line of [...(result.warnings ?? []), ...result.lines]) stream.write(`${line}\n`);
  return result.exitCode;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`render: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
