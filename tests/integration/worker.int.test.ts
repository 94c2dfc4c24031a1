import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { sendEvents } from '../../tools/local/load.js';
import { LocalPlatform } from '../../tools/local/platform.js';
import { DEAD_LETTER_HEADERS } from '../../services/shared/kafka/headers.js';

const connection = inject('stack');
const logDir = path.join(os.tmpdir(), 'worker-int-test');

async function countEffects(databaseUrl: string): Promise<number> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries');
    return Number(rows[0]!.n);
  } finally {
    await client.end();
  }
}

async function metric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${name} `) || l.startsWith(`${name}{`));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

describe('the worker on the real broker and database', () => {
  let platform: LocalPlatform | undefined;
  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
  });

  const start = async (label: string, mode: 'before' | 'after', workerEnv: Record<string, string> = {}) => {
    platform = await LocalPlatform.start({ connection, label, partitions: 6, mode, logDir, workerEnv });
    return platform;
  };

  it('after: applies every event sent through the API exactly once', async () => {
    const p = await start('once', 'after');
    await p.fleet.startReady();
    const load = await sendEvents({ url: p.api.url, events: 300, concurrency: 16, accounts: 20 });
    expect(load.rejected).toBe(0);
    await p.waitForDrain();
    expect(await p.verdict(load.accepted)).toMatchObject({
      accepted: 300,
      applied: 300,
      lost: 0,
      duplicatedEffects: 0,
      unexpected: 0,
      balanceMismatches: 0,
    });
    // Accept → applied latency is a query: every entry carries the API's accept time and its commit time.
    const client = new pg.Client({ connectionString: p.scenario.databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ missing: string; inverted: string; p99_ms: number | null }>(
        `SELECT count(*) FILTER (WHERE accepted_at IS NULL)::text AS missing,
                count(*) FILTER (WHERE applied_at < accepted_at)::text AS inverted,
                percentile_cont(0.99) WITHIN GROUP (ORDER BY extract(epoch FROM applied_at - accepted_at) * 1000) AS p99_ms
         FROM ledger_entries`,
      );
      expect(rows[0]).toMatchObject({ missing: '0', inverted: '0' });
      expect(rows[0]!.p99_ms).toBeGreaterThan(0);
    } finally {
      await client.end();
    }
  });

  it('after: dead-letters poison with its error and origin, and the partition keeps flowing', async () => {
    const p = await start('poison', 'after');
    const good = (id: string, amount: number) =>
      JSON.stringify({ id, type: 'credit', accountId: 'acc-p', amount, occurredAt: '2026-11-23T10:00:00.000Z' });
    await p.produceRaw([
      { key: 'acc-p', value: good('00000000-0000-4000-8000-000000000001', 10) },
      { key: 'acc-p', value: '{not json' },
      { key: 'acc-p', value: JSON.stringify({ id: 'x', type: 'credit', accountId: 'acc-p', amount: -5 }) },
      { key: 'acc-p', value: good('00000000-0000-4000-8000-000000000002', 32) },
    ]);
    const replica = await p.fleet.startReady();
    await p.waitForDrain();

    const dead = await p.deadLetters(2);
    expect(dead.map((d) => d.value)).toStrictEqual([
      '{not json',
      JSON.stringify({ id: 'x', type: 'credit', accountId: 'acc-p', amount: -5 }),
    ]);
    expect(dead[0]!.key).toBe('acc-p');
    expect(dead[0]!.headers).toMatchObject({
      [DEAD_LETTER_HEADERS.errorKind]: 'invalid',
      [DEAD_LETTER_HEADERS.attempts]: '1',
      [DEAD_LETTER_HEADERS.originalTopic]: p.scenario.topic,
      [DEAD_LETTER_HEADERS.originalOffset]: '1',
    });
    expect(dead[0]!.headers[DEAD_LETTER_HEADERS.error]).toMatch(/^value is not JSON/);
    expect(dead[1]!.headers[DEAD_LETTER_HEADERS.error]).toMatch(/breaks the event contract/);
    expect(await metric(replica.metricsPort, 'worker_dead_lettered_total')).toBe(2);

    const accepted = [
      {
        id: '00000000-0000-4000-8000-000000000001',
        type: 'credit' as const,
        accountId: 'acc-p',
        amount: 10,
        occurredAt: '',
      },
      {
        id: '00000000-0000-4000-8000-000000000002',
        type: 'credit' as const,
        accountId: 'acc-p',
        amount: 32,
        occurredAt: '',
      },
    ];
    expect(await p.verdict(accepted)).toMatchObject({
      applied: 2,
      lost: 0,
      duplicatedEffects: 0,
      balanceMismatches: 0,
    });
  });

  it('after: a replica SIGKILLed between its database commit and its offset commit loses nothing and duplicates nothing', async () => {
    const p = await start('crash', 'after', { WORKER_CHUNK_SIZE: '25' });
    const load = await sendEvents({ url: p.api.url, events: 300, concurrency: 16, accounts: 10 });
    const doomed = await p.fleet.start({ FAILPOINT_CRASH_AFTER_APPLIED: '50' });
    expect(await doomed.process.exited).toMatchObject({ signal: 'SIGKILL' });

    const survivor = await p.fleet.startReady();
    await p.waitForDrain();
    expect(await p.verdict(load.accepted)).toMatchObject({
      accepted: 300,
      applied: 300,
      lost: 0,
      duplicatedEffects: 0,
      balanceMismatches: 0,
    });
    // The redelivered chunk really came back, and the dedup records absorbed it.
    expect(await metric(survivor.metricsPort, 'worker_duplicates_skipped_total')).toBeGreaterThanOrEqual(25);
  });

  it('after: two and then five replicas in one group keep the ledger exact', async () => {
    const p = await start('scale', 'after');
    await p.fleet.scale(2);
    const first = sendEvents({ url: p.api.url, events: 300, concurrency: 8, accounts: 30 });
    await new Promise((resolve) => setTimeout(resolve, 1000));
    await p.fleet.scale(5);
    const second = await sendEvents({ url: p.api.url, events: 300, concurrency: 8, accounts: 30 });
    const accepted = [...(await first).accepted, ...second.accepted];
    expect(p.fleet.size).toBe(5);
    await p.waitForDrain();
    expect(await p.verdict(accepted)).toMatchObject({
      accepted: 600,
      applied: 600,
      lost: 0,
      duplicatedEffects: 0,
      balanceMismatches: 0,
    });
  });

  it('before: a crash between the effects and the offset commit applies those events twice', async () => {
    // Offsets are committed on a timer in this mode; a long interval makes sure the crash comes before any commit.
    const p = await start('naive', 'before', { WORKER_AUTOCOMMIT_INTERVAL_MS: '60000' });
    const load = await sendEvents({ url: p.api.url, events: 200, concurrency: 16, accounts: 10 });
    const doomed = await p.fleet.start({ FAILPOINT_CRASH_AFTER_APPLIED: '50' });
    expect(await doomed.process.exited).toMatchObject({ signal: 'SIGKILL' });
    // At least 50; one more when a second partition's write landed just before the kill.
    const appliedBeforeCrash = await countEffects(p.scenario.databaseUrl);
    expect(appliedBeforeCrash).toBeGreaterThanOrEqual(50);

    // The survivor starts from the last commit (none) and commits often, so the drain is quick to see.
    await p.fleet.startReady({ WORKER_AUTOCOMMIT_INTERVAL_MS: '500' });
    await p.waitForDrain();
    const verdict = await p.verdict(load.accepted);
    expect(verdict.lost).toBe(0);
    // Every effect of the crashed replica was applied again: that is the duplicate.
    expect(verdict.duplicatedEffects).toBe(appliedBeforeCrash);
    expect(verdict.balanceMismatches).toBeGreaterThan(0);
  });
});
