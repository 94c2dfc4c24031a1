// `npm run demo:replica-safety -- --mode before|after`: the replica-safety proof on the local stack.
import fs from 'node:fs';
import path from 'node:path';
import { repoRoot } from '../stack/settings.js';
import { loadStackSettings, stackDown, stackStatus, stackUp } from '../stack/stack.js';
import { runReplicaSafetyDemo } from './replica-safety.js';
import { USAGE, parseDemoOptions } from './replica-safety-options.js';
import { formatReport } from './replica-safety-report.js';

async function main(): Promise<number> {
  let options;
  try {
    options = parseDemoOptions(process.argv.slice(2));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const settings = loadStackSettings();
  const status = await stackStatus(settings);
  const wasUp = status.kafka.answering && status.postgres.answering;
  const connection = wasUp ? status.connection : (await stackUp(settings)).connection;
  const logDir = path.join(repoRoot, 'reports', `replica-safety-${options.mode}-logs`);
  fs.rmSync(logDir, { recursive: true, force: true });
  try {
    console.log(
      `replica-safety demo, mode ${options.mode}: ${options.events} events, schedule ${options.scaleSteps.map((s) => s.replicas).join(' → ')} replicas, ${options.killsAt.length} SIGKILLs`,
    );
    const evidence = await runReplicaSafetyDemo(options, connection, logDir, (line) => console.log(line));
    const output = path.resolve(repoRoot, options.output);
    fs.mkdirSync(path.dirname(output), { recursive: true });
    fs.writeFileSync(
      output,
      `${JSON.stringify({ ...evidence, command: `npm run demo:replica-safety -- ${process.argv.slice(2).join(' ')}` }, null, 2)}\n`,
    );
    console.log(
      `\n${formatReport(evidence)}\nevidence: ${path.relative(repoRoot, output)}; process logs: ${path.relative(repoRoot, logDir)}/`,
    );
    return evidence.passed ? 0 : 1;
  } finally {
    if (!wasUp) await stackDown(settings);
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`demo:replica-safety: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
