// `npm run cost [-- --env <env> ...]`: what each environment's infrastructure and cluster capacity cost per month.
import { parseArgs } from 'node:util';
import { listEnvironments, loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { formatCost } from './format.js';
import { monthlyCost } from './model.js';

function main(): number {
  const { values } = parseArgs({ options: { env: { type: 'string', multiple: true, default: [] } }, strict: true });
  const environments = values.env.length > 0 ? values.env : listEnvironments(repoRoot);
  const reports = environments.map((name) => formatCost(monthlyCost(loadEnvironment(repoRoot, name).config)));
  console.log(reports.join('\n\n'));
  return 0;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`cost: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
