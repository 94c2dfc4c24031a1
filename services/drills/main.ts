// The drill runner of the events-drills image (images/Dockerfile):
//   node dist/services/drills/main.js chaos [--duration S] [--rate EVENTS_PER_S] [--kills N] [--seed N]
//   node dist/services/drills/main.js restore
// configured by environment variables (cluster/settings.ts), rendered into the CronJobs by
// generators/components/drills.ts. Exit 0: the drill passed; 1: it failed (or could not run); 2: bad usage.
// Locally the same drills run against the stack: npm run drill:chaos / drill:restore (tools/drills/cli.ts).
import fs from 'node:fs';
import { RDSClient } from '@aws-sdk/client-rds';
import pino from 'pino';
import type pg from 'pg';
import { createKafka } from '../shared/kafka/client.js';
import { createPool } from '../shared/runtime/database.js';
import { databaseSsl } from '../shared/runtime/database-connection.js';
import { runChaosDrill } from './chaos/drill.js';
import { chaosSummary } from './chaos/summary.js';
import { KubeClient } from './cluster/kube-client.js';
import { namespaceRestoreChecks } from './cluster/namespace-restore-check.js';
import { PodChaosTarget } from './cluster/pod-chaos-target.js';
import { RdsRestoreTarget } from './cluster/rds-restore-target.js';
import { chaosSettings, restoreSettings } from './cluster/settings.js';
import { runRestoreDrill } from './restore/drill.js';
import { DRILL_COMMON_SETTINGS } from './settings-contract.js';
import { restoreSummary } from './restore/summary.js';
import type { DrillCommand } from './runner/args.js';
import { parseDrillArgs } from './runner/args.js';
import { progressPrinter } from './runner/progress.js';
import { writeReport } from './runner/report-file.js';

const logger = pino({ name: 'drills', level: process.env.LOG_LEVEL ?? DRILL_COMMON_SETTINGS.LOG_LEVEL.default });

// Kubernetes shows this file's content as the container's termination message (at most 4 KiB).
const TERMINATION_LOG = '/dev/termination-log';

async function chaos(command: Extract<DrillCommand, { kind: 'chaos' }>): Promise<{ ok: boolean; summary: string }> {
  const s = chaosSettings(process.env);
  const say = progressPrinter('chaos');
  const admin = createKafka('chaos-drill', s.kafkaBrokers, logger).admin();
  await admin.connect();
  const ledger = createPool(s.database, logger);
  try {
    const target = new PodChaosTarget(KubeClient.inCluster(), s, admin, ledger);
    await target.begin();
    const report = await runChaosDrill(
      target,
      {
        durationSeconds: command.durationSeconds ?? s.durationSeconds,
        ratePerSecond: command.ratePerSecond ?? s.ratePerSecond,
        accounts: 20,
        kills: command.kills ?? s.kills,
        seed: command.seed ?? Math.floor(Math.random() * 2 ** 31),
        lagSlo: s.lagSlo,
        lagRecoveryLimitSeconds: s.lagRecoverySeconds,
        apiErrorBudget: s.apiErrorBudgetPerMille / 1000,
        caller: 'anonymous',
        drainTimeoutSeconds: s.lagRecoverySeconds * 2,
      },
      say,
    );
    writeReport(command.reportDir ?? s.reportDir, report);
    return { ok: report.ok, summary: chaosSummary(report) };
  } finally {
    await ledger.end();
    await admin.disconnect();
  }
}

async function restore(command: Extract<DrillCommand, { kind: 'restore' }>): Promise<{ ok: boolean; summary: string }> {
  const s = restoreSettings(process.env);
  const say = progressPrinter('restore');
  const kube = KubeClient.inCluster();
  // The live ledger's address; the scratch instance replaces host and port. pg reads PGUSER and PGPASSWORD.
  const target = new RdsRestoreTarget(
    new RDSClient({ region: s.region }),
    s,
    (): pg.ClientConfig => ({ ...s.liveLedger, connectionTimeoutMillis: 10_000, ssl: databaseSsl() }),
    (sayLine) => namespaceRestoreChecks(kube, s, sayLine),
  );
  const report = await runRestoreDrill(
    target,
    { rpoSeconds: s.rpoObjectiveSeconds, rtoSeconds: s.rtoObjectiveSeconds },
    say,
  );
  writeReport(command.reportDir ?? s.reportDir, report);
  return { ok: report.ok, summary: restoreSummary(report) };
}

async function main(argv: string[]): Promise<number> {
  let command: DrillCommand;
  try {
    command = parseDrillArgs(argv);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const { ok, summary } = command.kind === 'chaos' ? await chaos(command) : await restore(command);
  console.log(`\n${summary}`);
  if (fs.existsSync(TERMINATION_LOG)) fs.writeFileSync(TERMINATION_LOG, summary.slice(0, 4000));
  return ok ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`drill could not run: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
