import fs from 'node:fs';
import path from 'node:path';
import type { TrafficShape } from './events.js';
import { newRunId } from './events.js';
import { checkTarget } from './generator/http.js';
import { watchMachine } from './generator/machine.js';
import type { LoadLedgerVerdict } from './ledger.js';
import type { LoadOptions } from './options.js';
import { planFor } from './profiles.js';
import type { LoadReport } from './report.js';
import { buildReport, formatReport } from './report.js';
import type { LoadSettings } from './run.js';
import { judge, runLoad } from './run.js';

/** Where the load goes, and how its ledger is checked when the run can see the database (the local platform). */
export interface LoadTarget {
  readonly url: string;
  readonly checkLedger?: (shape: TrafficShape, fates: Uint8Array) => Promise<LoadLedgerVerdict>;
}

/** Runs one profile against a target, prints progress and the summary, writes the report; returns it. */
export async function executeLoad(
  options: LoadOptions,
  target: LoadTarget,
  log: (line: string) => void = console.log,
): Promise<LoadReport> {
  const settings: LoadSettings = {
    origin: checkTarget(target.url, options.allowRemote),
    plan: planFor(options.profile, { rate: options.rate, durationS: options.durationS }),
    shape: {
      runId: newRunId(),
      accounts: options.accounts,
      eventsPerRequest: options.eventsPerRequest,
      token: options.tokenFile ? fs.readFileSync(options.tokenFile, 'utf8').trim() : undefined,
    },
    limits: options.limits,
    connections: options.connections,
    timeoutMs: options.timeoutMs,
    minKneeRate: options.minKneeRate,
  };
  log(
    `load ${settings.plan.profile}: ${settings.plan.description}; target ${settings.origin.origin}, run ${settings.shape.runId}`,
  );
  const machine = watchMachine();
  const run = await runLoad(settings, options.quiet ? () => undefined : log);
  const during = machine();
  let ledger: LoadLedgerVerdict | undefined;
  if (target.checkLedger) {
    log('checking the ledger: every 2xx event applied exactly once');
    ledger = await target.checkLedger(settings.shape, run.fates);
  }
  const report = buildReport(settings, run, judge(settings, run, ledger), during, ledger);
  fs.mkdirSync(path.dirname(path.resolve(options.output)), { recursive: true });
  fs.writeFileSync(options.output, `${JSON.stringify(report, null, 2)}\n`);
  log(`\n${formatReport(report)}\nreport: ${options.output}`);
  return report;
}
