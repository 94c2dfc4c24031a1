// `npm run bench [-- --quick]`: each path of the platform side by side with its ceiling on this machine, in one run.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { repoRoot } from '../stack/settings.js';
import { loadStackSettings } from '../stack/stack.js';
import { newRunId } from '../../loadtests/events.js';
import type { TrafficShape } from '../../loadtests/events.js';
import { startLocalRun } from '../load/local-platform.js';
import { acceptToAppliedAt } from './accept-to-applied.js';
import { closedRun, helloWorldVsApi } from './api-throughput.js';
import { flood } from './flood.js';
import { runPgbench } from './pgbench.js';
import { runProducerPerf } from './producer-perf.js';
import { recoverySeconds } from './recovery.js';
import type { BenchReport } from './report.js';
import { formatBench, goals, ratio } from './report.js';
import type { BenchSettings } from './settings.js';
import { apiMemoryLimitMiB, benchSettings } from './settings.js';
import { drainWith, prefill, topicEvent } from './worker-drain.js';
import { createMigratedDatabase, dropDatabase } from '../local/scenario.js';
import { ensureTopics } from '../../services/shared/kafka/topics.js';

const log = (line: string) => console.log(line);

function shapeFor(s: BenchSettings, eventsPerRequest = 1): () => TrafficShape {
  return () => ({ runId: newRunId(), accounts: s.accounts, eventsPerRequest });
}

/** API single-event vs hello world, API batch vs ProducerPerformance: the API alone (no worker takes CPU meanwhile). */
async function apiPaths(s: BenchSettings) {
  log('\n== API: single-event vs fastify hello world, batch vs ProducerPerformance');
  const local = await startLocalRun({ label: 'benchapi', partitions: s.partitions, workers: 0, logName: 'bench-api' });
  try {
    const closed = { concurrency: s.singleConcurrency, ...s.closed };
    const single = await helloWorldVsApi(local.platform.api.url, shapeFor(s), closed, s.closed.rounds, log);
    const batch = await closedRun(local.platform.api.url, shapeFor(s, s.batchEvents)(), {
      concurrency: s.batchConcurrency,
      ...s.closed,
    });
    log(`  API batch: ${batch.eventsPerSec} events/s, p99 ${batch.p99Ms} ms`);
    const perfTopic = `${local.platform.scenario.name}.perf`;
    await ensureTopics(local.platform.admin, [{ name: perfTopic, partitions: s.partitions }]);
    const recordSize = Buffer.byteLength(JSON.stringify(topicEvent(shapeFor(s)(), 123_456, new Date().toISOString())));
    const perf = await runProducerPerf(
      loadStackSettings(),
      local.connection.kafkaBrokers,
      perfTopic,
      s.producerPerfRecords,
      recordSize,
    );
    log(`  ProducerPerformance (${recordSize}-byte records, acks=all): ${Math.round(perf.recordsPerSec)} records/s`);
    await local.platform.admin.deleteTopics({ topics: [perfTopic] }).catch(() => undefined);
    if (single.api.failed + batch.failed > 0)
      log(`  note: ${single.api.failed + batch.failed} API answers were not 2xx`);
    return { single, batch, perf };
  } finally {
    await local.stop();
  }
}

/** The worker draining a backlog with 1 and 2 replicas, and pgbench doing the same transaction. */
async function workerPaths(s: BenchSettings) {
  log('\n== worker: drain with 1 and 2 replicas vs pgbench');
  const stack = loadStackSettings();
  const local = await startLocalRun({
    label: 'benchdrain',
    partitions: s.partitions,
    workers: 0,
    logName: 'bench-worker',
  });
  const { platform, connection } = local;
  try {
    const shape = shapeFor(s)();
    await prefill(platform.kafka, platform.scenario.topic, shape, s.drainEvents);
    log(`  prefilled ${s.drainEvents} events on ${s.partitions} partitions`);
    const logDir = path.join(repoRoot, 'reports', 'bench-worker-logs');
    const drain = (replicas: number) =>
      drainWith(platform.admin, platform.scenario, connection, replicas, s.drainSettleMs, logDir);
    const one = await drain(1);
    log(`  1 replica: ${one.eventsPerSec} events/s`);
    const two = await drain(2);
    log(`  2 replicas: ${two.eventsPerSec} events/s`);
    const database = `${platform.scenario.database}_pgbench`;
    const url = await createMigratedDatabase(connection.databaseUrl, database);
    try {
      // The worker applies 2 partitions at once (WORKER_PARTITIONS_CONCURRENTLY) in chunks of 500 (WORKER_CHUNK_SIZE).
      const pgbench = await runPgbench(stack, url, {
        clients: 2,
        chunk: 500,
        accountsPerChunk: Math.min(500, Math.ceil(s.accounts / s.partitions)),
        seconds: s.pgbenchSeconds,
      });
      log(`  pgbench, 2 clients, 500 events per transaction: ${Math.round(pgbench.eventsPerSec)} events/s`);
      return { one, two, pgbench };
    } finally {
      await dropDatabase(connection.databaseUrl, database);
    }
  } finally {
    await local.stop();
  }
}

/** Accept → applied at fixed rates, then a worker SIGKILLed under a trickle of load. */
async function endToEnd(s: BenchSettings) {
  log(`\n== accept → applied at fixed rates (${s.e2eWorkers} worker replicas), then a worker killed`);
  const local = await startLocalRun({
    label: 'benche2e',
    partitions: s.partitions,
    workers: s.e2eWorkers,
    logName: 'bench-e2e',
  });
  try {
    const e2e = [];
    for (const rate of s.e2eRates) {
      e2e.push(await acceptToAppliedAt(local.platform, shapeFor(s)(), rate, s.e2eSeconds));
      const e = e2e.at(-1)!;
      log(
        `  ${rate}/s: accept → applied p50 ${e.p50Ms} ms, p99 ${e.p99Ms} ms (API p99 ${e.apiP99Ms} ms, ${e.notAccepted} not accepted)`,
      );
    }
    const recovery = await recoverySeconds(local.platform, shapeFor(s)(), s.recoveryRate);
    log(`  a killed worker's partitions processed again after ${recovery} s`);
    return { e2e, recovery };
  } finally {
    await local.stop();
  }
}

async function floodPath(s: BenchSettings) {
  log(`\n== flood: ${s.floodRate}/s for ${s.floodSeconds} s against a fresh API`);
  const local = await startLocalRun({
    label: 'benchflood',
    partitions: s.partitions,
    workers: 2,
    logName: 'bench-flood',
  });
  try {
    const result = await flood(local.platform, shapeFor(s)(), s.floodRate, s.floodSeconds, s.floodConnections);
    log(
      `  ${result.accepted} accepted, ${result.shed} shed, status ${JSON.stringify(result.status)}, peak RSS ${result.peakRssMiB} MiB`,
    );
    return result;
  } finally {
    await local.stop();
  }
}

async function main(): Promise<number> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: { quick: { type: 'boolean', default: false }, output: { type: 'string', default: 'reports/bench.json' } },
  });
  const s = benchSettings(values.quick);
  const started = Date.now();
  const machine = {
    cpus: os.cpus().length,
    node: process.versions.node,
    cpuModel: os.cpus()[0]?.model.trim() ?? 'unknown',
    loadAverageAtStart: Math.round(os.loadavg()[0]! * 100) / 100,
  };
  log(
    `bench${s.quick ? ' --quick' : ''}: ${machine.cpus} × ${machine.cpuModel}, Node ${machine.node}, load average ${machine.loadAverageAtStart}`,
  );
  const api = await apiPaths(s);
  const worker = await workerPaths(s);
  const ends = await endToEnd(s);
  const floodResult = await floodPath(s);

  const partial = {
    machine,
    quick: s.quick,
    startedAt: new Date(started).toISOString(),
    durationSeconds: Math.round((Date.now() - started) / 1000),
    api: {
      single: {
        eventsPerSec: api.single.api.eventsPerSec,
        p99Ms: api.single.api.p99Ms,
        helloWorldReqPerSec: api.single.helloWorld.requestsPerSec,
        helloWorldP99Ms: api.single.helloWorld.p99Ms,
        ratio: ratio(api.single.api.eventsPerSec, api.single.helloWorld.requestsPerSec),
      },
      batch: {
        eventsPerSec: api.batch.eventsPerSec,
        p99Ms: api.batch.p99Ms,
        producerPerfRecordsPerSec: Math.round(api.perf.recordsPerSec),
        ratio: ratio(api.batch.eventsPerSec, api.perf.recordsPerSec),
      },
      floodPeakRssMiB: floodResult.peakRssMiB,
    },
    worker: {
      eventsPerSec: worker.one.eventsPerSec,
      pgbenchEventsPerSec: Math.round(worker.pgbench.eventsPerSec),
      ratio: ratio(worker.one.eventsPerSec, worker.pgbench.eventsPerSec),
      twoReplicasEventsPerSec: worker.two.eventsPerSec,
      scaling: ratio(worker.two.eventsPerSec, worker.one.eventsPerSec),
    },
    e2e: ends.e2e,
    recoverySeconds: ends.recovery,
    flood: floodResult,
  };
  const report: BenchReport = { ...partial, goals: goals(partial, s.e2eGoalRate, apiMemoryLimitMiB()) };
  fs.mkdirSync(path.dirname(path.resolve(values.output)), { recursive: true });
  fs.writeFileSync(values.output, `${JSON.stringify(report, null, 2)}\n`);
  log(`\n${formatBench(report)}\n\nreport: ${values.output} (${report.durationSeconds} s)`);
  // Performance goals are reported, not enforced (a shared machine is noisy); a broken guarantee under load is a failure.
  return report.flood.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`bench: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
