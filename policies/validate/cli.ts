// `npm run validate [-- --env <name> ...]`: checks the committed rendered output of every environment.
import { parseArgs } from 'node:util';
import { repoRoot } from '../../config/paths.js';
import { runValidation } from './run.js';

async function main(): Promise<number> {
  const { values } = parseArgs({ options: { env: { type: 'string', multiple: true, default: [] } }, strict: true });
  const { exitCode, lines } = await runValidation(repoRoot, values.env);
  (exitCode === 2 ? console.error : console.log)(lines.join('\n'));
  return exitCode;
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(`validate: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 2;
  },
);
