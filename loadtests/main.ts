// The load generator image's entry point (images/Dockerfile, target loadgen): the same profiles as `npm run load`,
// against a target that must be given (in a cluster, the API's Service). No ledger check: the Job sees no database.
import { executeLoad } from './command.js';
import { checkTarget } from './generator/http.js';
import { USAGE, parseLoadOptions } from './options.js';

async function main(): Promise<number> {
  let options;
  try {
    options = parseLoadOptions(process.argv.slice(2));
    if (options.target === undefined)
      throw new Error('--target is required here (there is no local platform to start)');
    checkTarget(options.target, options.allowRemote);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const report = await executeLoad(options, { url: options.target });
  return report.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
