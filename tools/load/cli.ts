// `npm run load -- --profile <name> [--target URL] [--rate N] [--duration S]`: a load profile against the API.
// Without --target it starts the local platform (stack, API, worker), and checks the ledger after the run.
import { executeLoad } from '../../loadtests/command.js';
import { checkTarget } from '../../loadtests/generator/http.js';
import { checkLoadLedger } from '../../loadtests/ledger.js';
import { startLocalRun } from './local-platform.js';
import type { LoadOptions } from '../../loadtests/options.js';
import { USAGE, parseLoadOptions } from '../../loadtests/options.js';

async function onLocalPlatform(options: LoadOptions): Promise<boolean> {
  console.log(`starting the local platform: ${options.partitions} partitions, ${options.workers} worker(s)`);
  const local = await startLocalRun({
    label: 'load',
    partitions: options.partitions,
    workers: options.workers,
    logName: `load-${options.profile}`,
  });
  try {
    const { platform } = local;
    const report = await executeLoad(options, {
      url: platform.api.url,
      checkLedger: async (shape, fates) => {
        const drainMs = await platform.waitForDrain(600_000);
        console.log(`the worker drained the topic ${(drainMs / 1000).toFixed(1)} s after the last answer`);
        return checkLoadLedger(platform.scenario.databaseUrl, shape, fates);
      },
    });
    return report.ok;
  } finally {
    await local.stop();
  }
}

async function main(): Promise<number> {
  let options;
  try {
    options = parseLoadOptions(process.argv.slice(2));
    if (options.target !== undefined) checkTarget(options.target, options.allowRemote);
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const ok =
    options.target === undefined
      ? await onLocalPlatform(options)
      : (await executeLoad(options, { url: options.target })).ok;
  return ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`load: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
