// `npm run bench [-- --quick]`: each path of the platform side by side with its ceiling on this machine, in one run.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newRunId } from '../../loadtests/events.js';
import { watchMachine } from '../../loadtests/generator/machine.js';
import type { TrafficShape } from '../../loadtests/events.js';
import { pod, podLimitsApplied, profileServicesInto, startBenchRun } from './pod.js';
import { createMigratedDatabase, dropDatabase } from '../local/scenario.js';
import { repoRoot } from '../stack/settings.js';
import type { StackSettings } from '../stack/settings.js';
import { loadStackSettings } from '../stack/stack.js';
import { acceptToAppliedAt } from './accept-to-applied.js';
import { apiPhase } from './api-phase.js';
import { measureCpu, stackGroups } from './cpu.js';
import { flood } from './flood.js';
import { runPgbench } from './pgbench.js';
import type { CapacityRun } from './capacity-file.js';
import { capacitiesKept, refreshedCapacities } from './capacity-file.js';
import { CAPACITY_FILE, readCapacities } from '../../diff/autoscaling/capacity.js';
import { recoverySeconds } from './recovery.js';
import { DOC, performanceSection, withSection } from './doc.js';
import { readRuns, recordRun } from './record.js';
import type { BenchReport } from './report.js';
import { buildBenchReport, formatBench } from './report.js';
import type { BenchSettings } from './settings.js';
import { apiMemoryLimitMiB, benchSettings, parseRates } from './settings.js';
import { drainWith, prefill } from './worker-drain.js';
import { describeGc } from './gc-reading.js';
import { parseRoundTripMs } from './round-trip-delay.js';
import type { RoundTripReport } from './round-trip-mode.js';
import {
  INTER_AZ_ROUND_TRIP_MS,
  formatRoundTrip,
  measureBehindRoundTrip,
  recordRoundTripRun,
  roundTripRunFile,
} from './round-trip-mode.js';
import { startBuiltApi } from './processes.js';
import { formatProfileSummary, readProfile, summarizeProfile } from './cpu-profile.js';
import { buildReadOnlyCopy, removeReadOnlyCopy } from '../build/read-only-copy.js';

const log = (line: string) => console.log(line);

// Long enough for the CPU counters' 10 ms ticks to resolve a hundredth of a core.
const IDLE_SECONDS = 20;

const gitHead = (): string => execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();

/** The worker draining a backlog with 1 and 2 replicas, and pgbench doing the same transaction. */
async function workerPhase(s: BenchSettings, stack: StackSettings, shape: TrafficShape) {
  log('\n== worker: drain with 1 and 2 replicas vs pgbench');
  const groups = stackGroups(stack);
  const local = await startBenchRun({
    label: 'benchdrain',
    partitions: s.partitions,
    workers: 0,
    logName: 'bench-worker',
  });
  const { platform, connection } = local;
  try {
    await prefill(platform.kafka, platform.scenario.topic, shape, s.drainEvents);
    log(`  prefilled ${s.drainEvents} events on ${s.partitions} partitions`);
    const logDir = path.join(repoRoot, 'reports', 'bench-worker-logs');
    const drain = (replicas: number) =>
      drainWith(platform.admin, platform.scenario, connection, replicas, s.drainSettleMs, logDir, groups);
    const one = await drain(1);
    log(`  1 replica: ${one.eventsPerSec} events/s; ${describeGc(one.garbageCollection[0]!)}`);
    const two = await drain(2);
    log(`  2 replicas: ${two.eventsPerSec} events/s`);
    const database = `${platform.scenario.database}_pgbench`;
    const url = await createMigratedDatabase(connection.databaseUrl, database);
    try {
      // The worker applies 2 partitions at once (WORKER_PARTITIONS_CONCURRENTLY) in chunks of 500 (WORKER_CHUNK_SIZE).
      const pgbench = await measureCpu(
        groups,
        () => ({}),
        () =>
          runPgbench(stack, url, {
            clients: 2,
            chunk: 500,
            accountsPerChunk: Math.min(500, Math.ceil(s.accounts / s.partitions)),
            seconds: s.pgbenchSeconds,
          }),
      );
      log(`  pgbench, 2 clients, 500 events per transaction: ${Math.round(pgbench.result.eventsPerSec)} events/s`);
      return { one, two, pgbench: { eventsPerSec: Math.round(pgbench.result.eventsPerSec), cpu: pgbench.cpu } };
    } finally {
      await dropDatabase(connection.databaseUrl, database);
    }
  } finally {
    await local.stop();
  }
}

/** Accept → applied at fixed rates, then (unless `withRecovery` is false) a worker SIGKILLed under a trickle of load. */
async function endToEndPhase(s: BenchSettings, shape: () => TrafficShape, withRecovery = true) {
  log(
    `\n== accept → applied at fixed rates (${s.e2eWorkers} worker replicas)${withRecovery ? ', then a worker killed' : ''}`,
  );
  const local = await startBenchRun({
    label: 'benche2e',
    partitions: s.partitions,
    workers: s.e2eWorkers,
    logName: 'bench-e2e',
  });
  try {
    const warmup = await acceptToAppliedAt(local.platform, shape(), s.e2eRates[0]!, s.e2eWarmupSeconds);
    log(
      `  warm-up, left out: ${warmup.ratePerSec}/s for ${s.e2eWarmupSeconds} s: p50 ${warmup.p50Ms} ms, p99 ${warmup.p99Ms} ms (API p99 ${warmup.apiP99Ms} ms)`,
    );
    const e2e = [];
    for (const rate of s.e2eRates) {
      const e = await acceptToAppliedAt(local.platform, shape(), rate, s.e2eSeconds);
      e2e.push(e);
      log(
        `  ${rate}/s: accept → applied p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms (API p99 ${e.apiP99Ms} ms, ${e.notAccepted} not accepted)`,
      );
    }
    if (!withRecovery) return { e2e, warmup, recovery: undefined };
    const recovery = await recoverySeconds(local.platform, shape(), s.recoveryRate);
    log(`  a killed worker's partitions processed again after ${recovery} s`);
    return { e2e, warmup, recovery };
  } finally {
    await local.stop();
  }
}

/** An API and a worker replica, connected and ready, with no traffic: the CPU each uses for nothing. */
async function idlePhase() {
  log(`\n== idle: an API and a worker, nothing sent, ${IDLE_SECONDS} s`);
  const local = await startBenchRun({ label: 'benchidle', partitions: 4, workers: 1, logName: 'bench-idle' });
  try {
    const { cpu } = await measureCpu(
      {},
      () => ({
        api: [local.platform.api.process.child.pid!],
        worker: local.platform.fleet.all.map((r) => r.process.child.pid!),
      }),
      () => new Promise((resolve) => setTimeout(resolve, IDLE_SECONDS * 1000)),
    );
    log(`  API ${cpu.cores.api} of a core, worker ${cpu.cores.worker} of a core`);
    return { seconds: IDLE_SECONDS, cores: { api: cpu.cores.api, worker: cpu.cores.worker } };
  } finally {
    await local.stop();
  }
}

async function floodPhase(s: BenchSettings, stack: StackSettings, shape: TrafficShape) {
  log(`\n== flood: ${s.floodRate}/s for ${s.floodSeconds} s against a fresh API, compiled as its image runs it`);
  const local = await startBenchRun({
    label: 'benchflood',
    partitions: s.partitions,
    workers: 2,
    logName: 'bench-flood',
  });
  const root = buildReadOnlyCopy();
  const { platform, connection } = local;
  try {
    await platform.api.stop();
    const api = await startBuiltApi(
      root,
      {
        KAFKA_BROKERS: connection.kafkaBrokers.join(','),
        KAFKA_TOPIC: platform.scenario.topic,
        DATABASE_URL: platform.scenario.databaseUrl,
      },
      path.join(repoRoot, 'reports', 'bench-flood-logs', 'api-built.log'),
      pod('api'),
    );
    try {
      const { result, cpu } = await measureCpu(
        stackGroups(stack),
        () => ({ api: [api.pid], worker: platform.fleet.all.map((r) => r.process.child.pid!) }),
        () => flood(platform, api, shape, s.floodRate, s.floodSeconds, s.floodConnections),
      );
      log(
        `  ${result.accepted} accepted, ${result.shed} shed, status ${JSON.stringify(result.status)}, peak RSS ${result.peakRssMiB} MiB`,
      );
      return { result, cpu };
    } finally {
      await api.stop();
    }
  } finally {
    removeReadOnlyCopy(root);
    await local.stop();
  }
}

/** Where `--cpu-profile` has the services write their profiles. */
let profileDir: string | undefined;

const USAGE = `usage: npm run bench [-- --quick] [--output FILE] [--record LABEL]
  --quick            a short run (CI): today's API settings only, shorter measurements, fewer rates
  --only accept-to-applied [--rates 1000,10000]
                     that part alone (no goals, no record): its JSON to --output, e.g. to compare a change's latency
  --only idle        the CPU an idle API and an idle worker use (nothing sent): what a replica costs doing nothing
  --only worker      the worker's drain with 1 and 2 replicas next to pgbench
  --only api         the API's variants next to the hello world and ProducerPerformance, with their CPU
  --only flood       the flood alone: shedding, the ledger and the API's peak memory against its pod's limit
  --output FILE      the JSON report (default reports/bench.json)
  --record LABEL     keep the full run in docs/performance/runs/ and regenerate docs/performance.md
  --from FILE --commit SHA   with --record: record an earlier report instead of running
  --render-doc       regenerate docs/performance.md from the recorded runs only
  --cpu-profile DIR  every API and worker process writes a V8 CPU profile into DIR (node --cpu-prof), summarized at
                     the end by place (package or folder) and by function; the profiler costs CPU: no --record
  --round-trip-ms N  the per-replica capacities alone (the API's events per core, one worker replica's drain) with
                     every packet to and from the broker's and PostgreSQL's ports held back so that each round trip
                     takes N ms more (root: iptables NFQUEUE and python3); ${INTER_AZ_ROUND_TRIP_MS} is a round trip between two AWS
                     Availability Zones (docs/performance.md). Report to --output (default reports/bench-round-trip.json);
                     with --record LABEL, kept in docs/performance/round-trip-runs/ and written to loadtests/capacity.json`;

/** Records a full run and regenerates the document from every recorded run. */
function record(report: BenchReport, label: string, commit: string, command: string): void {
  if (report.quick) throw new Error('--record keeps full runs only (no --quick)');
  const file = recordRun(repoRoot, { label, commit, command, report });
  renderDoc();
  const kept = writeCapacities(report, { label, commit });
  log(`recorded ${file}; ${DOC} regenerated; ${CAPACITY_FILE} ${kept ? `left as it is: ${kept}` : 'refreshed'}`);
}

/**
 * The autoscaling preview of `npm run diff` simulates with what the recorded run measured, unless the file holds
 * figures that a run on loopback must not replace (returns why).
 */
function writeCapacities(
  report: Pick<BenchReport, 'capacity' | 'machine' | 'startedAt'>,
  run: CapacityRun,
): string | undefined {
  const current = readCapacities(repoRoot);
  if (!current) throw new Error(`${CAPACITY_FILE} is missing`);
  const kept = capacitiesKept(current, run);
  if (kept !== undefined) return kept;
  const capacities = refreshedCapacities(current, report, run);
  fs.writeFileSync(path.join(repoRoot, CAPACITY_FILE), `${JSON.stringify(capacities, null, 2)}\n`);
  return undefined;
}

/** A run behind a round trip kept, and its capacities made the ones every autoscaling preview uses. */
function recordRoundTrip(report: RoundTripReport, label: string): void {
  const file = recordRoundTripRun(repoRoot, label, report);
  writeCapacities(report, {
    label,
    commit: report.commit,
    roundTrip: { statedMs: report.roundTrip.statedMs, measuredP50Ms: report.roundTrip.measuredP50Ms },
  });
  log(`recorded ${file}; ${CAPACITY_FILE} refreshed`);
}

function writeJson(file: string, value: unknown): void {
  fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(value, null, 2)}\n`);
}

function renderDoc(): void {
  const file = path.join(repoRoot, DOC);
  const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '# Performance\n';
  fs.writeFileSync(file, withSection(current, performanceSection(readRuns(repoRoot))));
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      quick: { type: 'boolean', default: false },
      output: { type: 'string' },
      record: { type: 'string' },
      from: { type: 'string' },
      commit: { type: 'string' },
      'render-doc': { type: 'boolean', default: false },
      only: { type: 'string' },
      rates: { type: 'string' },
      'round-trip-ms': { type: 'string' },
      'cpu-profile': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    log(USAGE);
    return 0;
  }
  if (values['render-doc']) {
    renderDoc();
    log(`${DOC} regenerated from ${readRuns(repoRoot).length} recorded run(s)`);
    return 0;
  }
  if (values.from !== undefined) {
    if (values.record === undefined || values.commit === undefined)
      throw new Error(`--from needs --record and --commit\n${USAGE}`);
    const earlier = JSON.parse(fs.readFileSync(values.from, 'utf8')) as BenchReport;
    record(earlier, values.record, values.commit, 'npm run bench');
    return 0;
  }
  if (values['cpu-profile'] !== undefined) {
    // A profiler's sampling costs CPU: its figures are where the time goes, not how much there is.
    if (values.record !== undefined)
      throw new Error(`--cpu-profile measures with a profiler on: no --record\n${USAGE}`);
    profileDir = path.resolve(values['cpu-profile']);
    fs.mkdirSync(profileDir, { recursive: true });
    // An earlier run's profiles would be summarized with this one's; nothing else in the folder is touched.
    for (const name of fs.readdirSync(profileDir).filter((f) => f.endsWith('.cpuprofile')))
      fs.rmSync(path.join(profileDir, name));
    profileServicesInto(profileDir);
  }
  const base = benchSettings(values.quick);
  const s = values.rates === undefined ? base : { ...base, e2eRates: parseRates(values.rates) };
  // The code measured is the code at the start: a commit made while the run goes on must not be credited with it.
  const commit = gitHead();
  const stack = loadStackSettings();
  const shape = (eventsPerRequest = 1): TrafficShape => ({ runId: newRunId(), accounts: s.accounts, eventsPerRequest });
  const started = Date.now();
  const crowd = watchMachine();
  const machine = {
    cpus: os.cpus().length,
    node: process.versions.node,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
    podLimits: podLimitsApplied(),
  };
  log(
    `bench${s.quick ? ' --quick' : ''}: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart}, pods' memory limits applied: ${machine.podLimits}`,
  );
  if (values['round-trip-ms'] !== undefined) {
    if (values.only !== undefined)
      throw new Error(`--round-trip-ms measures the capacities alone: no --only\n${USAGE}`);
    const roundTripMs = parseRoundTripMs(values['round-trip-ms']);
    // Refused before the run, not after fifteen minutes of it.
    if (values.record !== undefined && s.quick) throw new Error('--record keeps full runs only (no --quick)');
    if (values.record !== undefined) roundTripRunFile(repoRoot, values.record);
    const report = await measureBehindRoundTrip(
      s,
      stack,
      () => shape(),
      roundTripMs,
      { machine, startedAt: new Date(started).toISOString(), commit },
      log,
    );
    const output = values.output ?? 'reports/bench-round-trip.json';
    writeJson(output, report);
    log(`\n${formatRoundTrip(report)}\n\nreport: ${output}`);
    if (values.record !== undefined) recordRoundTrip(report, values.record);
    return 0;
  }
  const output = values.output ?? 'reports/bench.json';
  if (values.only !== undefined) {
    const part =
      values.only === 'accept-to-applied'
        ? await endToEndPhase(s, shape, false).then(({ e2e, warmup }) => ({ e2e, e2eWarmup: warmup }))
        : values.only === 'idle'
          ? { idle: await idlePhase() }
          : values.only === 'worker'
            ? { worker: await workerPhase(s, stack, shape()) }
            : values.only === 'api'
              ? { api: await apiPhase(s, stack, shape, log) }
              : values.only === 'flood'
                ? { flood: await floodPhase(s, stack, shape()) }
                : undefined;
    if (part === undefined)
      throw new Error(
        `--only takes 'accept-to-applied', 'idle', 'worker', 'api' or 'flood', got '${values.only}'\n${USAGE}`,
      );
    writeJson(output, { machine, startedAt: new Date(started).toISOString(), commit, ...part });
    log(`\nreport: ${output}`);
    return 0;
  }
  log('\n== API: single-event vs fastify hello world, batch vs ProducerPerformance');
  const api = await apiPhase(s, stack, shape, log);
  const worker = await workerPhase(s, stack, shape());
  const ends = await endToEndPhase(s, shape);
  const floodResult = await floodPhase(s, stack, shape());

  const report = buildBenchReport({
    settings: s,
    machine: { ...machine, cpuPressure: crowd().cpuPressure },
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    api,
    worker,
    e2e: ends.e2e,
    e2eWarmup: ends.warmup,
    recoverySeconds: ends.recovery!,
    flood: floodResult.result,
    floodCpu: floodResult.cpu,
    rssLimitMiB: apiMemoryLimitMiB(),
  });
  writeJson(output, report);
  log(`\n${formatBench(report)}\n\nreport: ${output} (${report.durationSeconds} s)`);
  if (values.record !== undefined)
    record(report, values.record, commit, `npm run bench${s.quick ? ' -- --quick' : ''}`);
  // Performance goals are reported, not enforced (a shared machine is noisy); a broken guarantee under load is a failure:
  // a 5xx without Retry-After, a 2xx event lost or applied twice, a refused event applied.
  const { ledger } = report.flood;
  const guaranteesHold =
    report.flood.serverErrors === 0 && ledger.lost + ledger.duplicated + ledger.unexpected + ledger.wrongEffects === 0;
  return guaranteesHold ? 0 : 1;
}

/** Each profile the services wrote, summarized (the largest places and functions by self time). */
function summarizeProfiles(dir: string): void {
  for (const name of fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .sort())
    log(`\n${formatProfileSummary(path.join(dir, name), summarizeProfile(readProfile(path.join(dir, name))))}`);
}

main().then(
  (code) => {
    if (profileDir !== undefined) summarizeProfiles(profileDir);
    process.exit(code);
  },
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
