// `npm run drill:chaos [-- --duration S] [--worker-mode before|after]` and `npm run drill:restore [-- --events N]`:
// the drill runner of services/drills against the local stack (started for the run if it is down, stopped after).
import path from 'node:path';
import { chaosSummary } from '../../services/drills/chaos/summary.js';
import { parseDrillArgs } from '../../services/drills/runner/args.js';
import { progressPrinter } from '../../services/drills/runner/progress.js';
import { writeReport } from '../../services/drills/runner/report-file.js';
import { repoRoot } from '../stack/settings.js';
import { loadStackSettings, stackDown, stackStatus, stackUp } from '../stack/stack.js';
import { runLocalChaosDrill } from './local-chaos.js';
import { localRestoreOptions, runLocalRestoreDrill } from './local-restore.js';
import { restoreSummary } from '../../services/drills/restore/summary.js';

async function main(): Promise<number> {
  let command;
  try {
    command = parseDrillArgs(process.argv.slice(2));
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const settings = loadStackSettings();
  const status = await stackStatus(settings);
  const wasUp = status.kafka.answering && status.postgres.answering;
  const connection = wasUp ? status.connection : (await stackUp(settings)).connection;
  const reportDir = path.resolve(repoRoot, command.reportDir ?? 'reports');
  const say = progressPrinter(command.kind);
  try {
    if (command.kind === 'chaos') {
      const report = await runLocalChaosDrill(
        {
          durationSeconds: command.durationSeconds ?? 60,
          workerMode: command.workerMode ?? 'after',
          ratePerSecond: command.ratePerSecond ?? 40,
          kills: command.kills ?? 3,
          seed: command.seed ?? Math.floor(Math.random() * 2 ** 31),
        },
        connection,
        settings,
        say,
      );
      console.log(`\n${chaosSummary(report)}\nreport: ${path.relative(repoRoot, writeReport(reportDir, report))}`);
      return report.ok ? 0 : 1;
    }
    const report = await runLocalRestoreDrill(
      localRestoreOptions(command.events ?? 1_000_000),
      connection,
      settings,
      say,
    );
    console.log(`\n${restoreSummary(report)}\nreport: ${path.relative(repoRoot, writeReport(reportDir, report))}`);
    return report.ok ? 0 : 1;
  } finally {
    if (!wasUp) await stackDown(settings);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`drill: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
