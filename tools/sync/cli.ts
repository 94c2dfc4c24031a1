// `npm run sync:check -- [--env E]... [--base REV]`: each environment applied to a real kube-apiserver on loopback and
// synced by a real Argo CD; passes only when Argo CD reports every Application of this repository Synced and Healthy.
import fs from 'node:fs';
import path from 'node:path';
import { listEnvironments } from '../../config/load.js';
import { resolveCommit } from '../../diff/revisions.js';
import { repoRoot } from '../../config/paths.js';
import { USAGE, parseSyncCheckOptions } from './options.js';
import { rehearse } from './rehearse.js';
import type { EnvResult } from './rehearse.js';
import type { SyncCheckReport } from './report.js';
import { formatFailures, formatStandIns, formatTable } from './report.js';

async function main(): Promise<number> {
  let options;
  try {
    options = parseSyncCheckOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  if (options.base !== undefined) resolveCommit(repoRoot, options.base);
  const environments = options.environments.length > 0 ? options.environments : listEnvironments(repoRoot);
  const reportFile = path.resolve(repoRoot, options.report);
  const results: EnvResult[] = [];
  for (const env of environments) {
    results.push(
      await rehearse({
        repoRoot,
        env,
        base: options.base,
        timeoutSeconds: options.timeoutSeconds,
        logsDir: path.join(path.dirname(reportFile), 'sync-check'),
        keep: options.keep,
        log: (line) => console.log(line),
      }),
    );
  }
  const report: SyncCheckReport = {
    base: options.base,
    head: 'working tree',
    passed: results.every((r) => r.passed),
    environments: results,
  };
  fs.mkdirSync(path.dirname(reportFile), { recursive: true });
  fs.writeFileSync(reportFile, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\n${formatTable(report)}`);
  const standIns = formatStandIns(report);
  if (standIns) console.log(`\n${standIns}`);
  const failures = formatFailures(report);
  if (failures) console.log(`\n${failures}`);
  console.log(`\nreport: ${path.relative(repoRoot, reportFile)}`);
  return report.passed ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`sync:check: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(2);
  },
);
