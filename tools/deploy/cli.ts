// `npm run deploy:check -- [--env E] [--timeout S] [--chaos-seconds S] [--report FILE] [--keep]`: the environment's
// images built, its render synced by Argo CD onto one real node, the bootstrap, the services, the load test and the
// chaos drill run there. Exits 0 when all of it passed, 1 when something failed (with its cause), 2 on bad usage.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../../config/paths.js';
import { deployCheck, writeReport } from './deploy-check.js';
import { formatDeployReport } from './report.js';

const USAGE = `usage: npm run deploy:check -- [--env E] [--timeout SECONDS] [--chaos-seconds S] [--report FILE] [--keep]
  --env E            the environment to deploy (default dev)
  --timeout S        seconds the sync may take to settle, pods Ready included (default 600)
  --chaos-seconds S  run the chaos drill for S seconds instead of its schedule's duration
  --report FILE      where the JSON report goes (default reports/deploy-check.json)
  --keep             leave the cluster running until Ctrl-C`;

function positive(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`--${name} must be a positive number of seconds, got '${raw}'`);
  return n;
}

async function main(): Promise<number> {
  let values;
  try {
    values = parseArgs({
      options: {
        env: { type: 'string', default: 'dev' },
        timeout: { type: 'string', default: '600' },
        'chaos-seconds': { type: 'string' },
        report: { type: 'string', default: 'reports/deploy-check.json' },
        keep: { type: 'boolean', default: false },
      },
      strict: true,
    }).values;
    positive('timeout', values.timeout);
    positive('chaos-seconds', values['chaos-seconds']);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const reportFile = path.resolve(repoRoot, values.report);
  const report = await deployCheck({
    repoRoot,
    env: values.env,
    timeoutSeconds: positive('timeout', values.timeout)!,
    chaosSeconds: positive('chaos-seconds', values['chaos-seconds']),
    reportDir: path.dirname(reportFile),
    keep: values.keep,
    log: (line) => console.log(line),
  });
  writeReport(reportFile, report);
  console.log(`\n${formatDeployReport(report)}\n\nreport: ${path.relative(repoRoot, reportFile)}`);
  return report.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`deploy:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
