// The services as the images run them: compiled JavaScript started with plain `node` (no tsx, no TypeScript) from a
// read-only copy, configured only by environment variables, against the local stack; then stopped with SIGTERM.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import type { Admin } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildReadOnlyCopy, fingerprint, removeReadOnlyCopy } from '../../tools/build/read-only-copy.js';
import { freePort } from '../../tools/local/ports.js';
import type { Scenario } from '../../tools/local/scenario.js';
import { createScenario, dropScenario } from '../../tools/local/scenario.js';

const stack = inject('stack');
const logDir = fs.mkdtempSync(path.join(os.tmpdir(), 'built-services-logs-'));

interface Started {
  readonly log: string;
  readonly exited: Promise<number | null>;
  stop(): Promise<number | null>;
}

/** `node <entry>` from the copy, as the container's CMD; HOME points nowhere writable, as in the image. */
function startBuilt(root: string, entry: string, env: Record<string, string>): Started {
  const log = path.join(logDir, `${path.basename(path.dirname(entry))}.log`);
  const out = fs.openSync(log, 'a');
  const child = spawn(process.execPath, [entry], {
    cwd: root,
    env: {
      PATH: process.env.PATH,
      HOME: '/nonexistent',
      NODE_ENV: 'production',
      KAFKAJS_NO_PARTITIONER_WARNING: '1',
      ...env,
    },
    stdio: ['ignore', out, out],
  });
  fs.closeSync(out);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return {
    log,
    exited,
    stop: async () => {
      child.kill('SIGTERM');
      return exited;
    },
  };
}

async function waitFor200(url: string, started: Started, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let ended = false;
  void started.exited.then(() => (ended = true));
  while (Date.now() < deadline && !ended) {
    const ok = await fetch(url, { signal: AbortSignal.timeout(1000) }).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${url} did not answer 200 (log: ${fs.readFileSync(started.log, 'utf8').slice(-2000)})`);
}

/** The worker's own count of applied events, read from its /metrics as Prometheus would. */
async function processedEvents(port: number): Promise<number> {
  const text = await fetch(`http://127.0.0.1:${port}/metrics`).then((r) => r.text());
  return Number(/^worker_events_processed_total (\d+)/m.exec(text)?.[1] ?? 0);
}

describe('the built services, run like the container runs them', () => {
  const kafka = new Kafka({ clientId: 'built-services-test', brokers: stack.kafkaBrokers, logLevel: logLevel.NOTHING });
  let admin: Admin;
  let scenario: Scenario;
  let root: string;
  let before: string[];

  beforeAll(async () => {
    root = buildReadOnlyCopy();
    before = fingerprint(root);
    admin = kafka.admin();
    await admin.connect();
    scenario = await createScenario(admin, stack.databaseUrl, 'built', 2);
  });
  afterAll(async () => {
    await dropScenario(admin, stack.databaseUrl, scenario);
    await admin.disconnect();
    removeReadOnlyCopy(root);
  });

  it('migrates with the built migration command (a second run changes nothing)', () => {
    const run = () =>
      new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, ['dist/services/db/cli.js'], {
          cwd: root,
          env: { PATH: process.env.PATH, HOME: '/nonexistent', DATABASE_URL: scenario.databaseUrl },
          stdio: 'ignore',
        });
        child.once('exit', resolve);
      });
    return expect(run()).resolves.toBe(0);
  });

  it('serves, accepts an event, applies it, and both exit 0 on SIGTERM, writing nothing to their files', async () => {
    const apiPort = await freePort();
    const workerPort = await freePort();
    const api = startBuilt(root, 'dist/services/api/main.js', {
      HOST: '127.0.0.1',
      PORT: String(apiPort),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_TOPIC: scenario.topic,
      // The idempotency keys live in PostgreSQL; no load balancer drains a local process.
      DATABASE_URL: scenario.databaseUrl,
      API_SHUTDOWN_DRAIN_MS: '0',
    });
    const worker = startBuilt(root, 'dist/services/worker/main.js', {
      WORKER_MODE: 'after',
      METRICS_PORT: String(workerPort),
      KAFKA_BROKERS: stack.kafkaBrokers.join(','),
      KAFKA_TOPIC: scenario.topic,
      KAFKA_DEAD_LETTER_TOPIC: scenario.deadLetterTopic,
      KAFKA_CONSUMER_GROUP: scenario.consumerGroup,
      DATABASE_URL: scenario.databaseUrl,
    });
    try {
      await waitFor200(`http://127.0.0.1:${apiPort}/readyz`, api);
      await waitFor200(`http://127.0.0.1:${workerPort}/readyz`, worker);
      const response = await fetch(`http://127.0.0.1:${apiPort}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'built-1' },
        body: JSON.stringify({ type: 'credit', accountId: 'acc-built', amount: 7 }),
      });
      expect(response.status).toBe(202);
      await expect.poll(() => processedEvents(workerPort), { timeout: 30_000, interval: 500 }).toBe(1);
      // The loadgen image's entry point, as its CronJob runs it: a short smoke run against the API, thresholds kept.
      const report = path.join(logDir, 'load-smoke.json');
      const loadgen = spawn(
        process.execPath,
        ['dist/loadtests/main.js', '--profile', 'smoke', '--rate', '20', '--duration', '2', '--quiet'].concat([
          // Limits a crowded machine cannot breach by itself: this checks the entry point, not the latency.
          '--p95-ms',
          '5000',
          '--p99-ms',
          '10000',
          '--target',
          `http://127.0.0.1:${apiPort}`,
          '--output',
          report,
        ]),
        { cwd: root, env: { PATH: process.env.PATH, HOME: '/nonexistent', NODE_ENV: 'production' }, stdio: 'ignore' },
      );
      expect(await new Promise((resolve) => loadgen.once('exit', resolve))).toBe(0);
      expect(JSON.parse(fs.readFileSync(report, 'utf8'))).toMatchObject({ profile: 'smoke', ok: true, sent: 40 });
      await expect.poll(() => processedEvents(workerPort), { timeout: 30_000, interval: 500 }).toBe(41);
    } finally {
      expect(await api.stop()).toBe(0);
      expect(await worker.stop()).toBe(0);
    }
    expect(fingerprint(root)).toStrictEqual(before);
  });

  it('starts the drill runner (the events-drills image), which names its usage and every missing setting', () => {
    const run = (args: string[]) =>
      spawnSync(process.execPath, ['dist/services/drills/main.js', ...args], {
        cwd: root,
        env: { PATH: process.env.PATH, HOME: '/nonexistent', NODE_ENV: 'production' },
        encoding: 'utf8',
      });
    const usage = run([]);
    expect(usage.status).toBe(2);
    expect(usage.stderr).toContain('usage:');
    // Everything it imports (the AWS SDK, kafkajs, pg) loads from the build; then it refuses to run unconfigured.
    const unconfigured = run(['restore']);
    expect(unconfigured.status).toBe(1);
    expect(unconfigured.stderr).toMatch(/DRILL_NAMESPACE is required[\s\S]*DRILL_RDS_SOURCE_INSTANCE is required/);
  });
});
