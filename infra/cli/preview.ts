// `npm run infra:preview -- --env <env>`: a real preview of one environment's AWS side with the Pulumi CLI.
// Not run in CI: it needs the CLI, credentials of the environment's account and its state backend (docs/infra.md).
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { previewSteps, stateBackend } from './preview-plan.js';

function main(): number {
  const { values } = parseArgs({ options: { env: { type: 'string' } }, strict: true });
  if (!values.env) {
    console.error('usage: npm run infra:preview -- --env <dev|staging|prod>');
    return 2;
  }
  const { config } = loadEnvironment(repoRoot, values.env);
  const steps = previewSteps(config);
  const cli = spawnSync('pulumi', ['version'], { encoding: 'utf8' });
  if (cli.error || cli.status !== 0) {
    console.log(`A preview of ${config.name} needs the Pulumi CLI (https://www.pulumi.com/docs/install/), credentials`);
    console.log(`of account ${config.aws.accountId} and the state backend ${stateBackend(config).url}. Steps:\n`);
    steps.forEach((step, index) => console.log(`${index + 1}. ${step.why}\n   ${step.command}\n`));
    console.log('With the CLI installed and steps 1-4 done once, this command runs step 5.');
    return 3;
  }
  const preview = spawnSync('pulumi', ['preview', '--cwd', 'infra', '--stack', config.name, '--diff'], {
    cwd: repoRoot,
    stdio: 'inherit',
  });
  return preview.status ?? 1;
}

try {
  process.exitCode = main();
} catch (error) {
  console.error(`infra:preview: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 2;
}
