// `npm run drill:chaos [-- --duration S] [--worker-mode before|after] [--brokers 3]` and
// `npm run drill:restore [-- --events N]`: the drill runner of services/drills against the local stack (started for
// the run if it is down, stopped after). `--brokers 3` runs the chaos drill on a three-broker cluster with prod's
// replication, where the broker fault is the SIGKILL of a partition leader and the election that follows.
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

/** Takes the local-only `--brokers N` out of the arguments the drill runner parses (the image has no such flag). */
function takeBrokers(argv: readonly string[]): { brokers: string | undefined; rest: string[] } {
  const at = argv.indexOf('--brokers');
  if (at === -1) return { brokers: undefined, rest: [...argv] };
  const brokers = argv[at + 1];
  if (argv[0] !== 'chaos' || brokers === undefined) throw new Error('--brokers takes 1 or 3, for the chaos drill');
  return { brokers, rest: [...argv.slice(0, at), ...argv.slice(at + 2)] };
}

async function main(): Promise<number> {
  let command;
  let brokers;
  try {
    const taken = takeBrokers(process.argv.slice(2));
    brokers = taken.brokers;
    command = parseDrillArgs(taken.rest);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const settings = loadStackSettings(
    brokers === undefined ? process.env : { ...process.env, STACK_KAFKA_BROKERS: brokers },
  );
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
