// `npm run infra:resources [-- --env <env> ...]`: what the program would create for each environment, counted by
// type, from a run under Pulumi's mocks (no CLI, no AWS account).
import { parseArgs } from 'node:util';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { runProgram } from '../testing/run-program.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { env: { type: 'string', multiple: true, default: [] } }, strict: true });
  const environments = values.env.length > 0 ? values.env : listEnvironments(repoRoot);
  for (const name of environments) {
    const resources = await runProgram(loadEnvironment(repoRoot, name).config);
    const counts = new Map<string, number>();
    for (const resource of resources) {
      const type = resource.type
        .split(':')
        .slice(-2)
        .join(':')
        .replace(/^[a-z0-9]+\/[a-zA-Z0-9]+:/, '');
      const key = `${resource.type.split(':')[1]?.split('/')[0] ?? ''} ${type}`.trim();
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    console.log(`${name}: ${resources.length} resources`);
    for (const [type, count] of [...counts].sort(([a], [b]) => a.localeCompare(b)))
      console.log(`  ${String(count).padStart(3)}  ${type}`);
  }
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`infra:resources: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
