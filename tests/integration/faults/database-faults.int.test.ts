import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { sendEvents } from '../../../tools/local/load.js';
import type { LocalPlatform } from '../../../tools/local/platform.js';
import { restartPostgres, stopPostgresFor } from '../../../tools/stack/faults.js';
import { connection, expectExactLedger, metricSum, sleep, stackSettings, startPlatform } from './fault-kit.js';

async function readyz(port: number): Promise<{ status: number; body: string }> {
  const response = await fetch(`http://127.0.0.1:${port}/readyz`);
  return { status: response.status, body: await response.text() };
}

async function asAdmin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: connection.databaseUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

describe('the data path while PostgreSQL fails', { timeout: 240_000 }, () => {
  let platform: LocalPlatform | undefined;
  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
  });

  it('rides through a PostgreSQL restart under load: no worker restart, nothing dead-lettered, the ledger exact', async () => {
    platform = await startPlatform('pgrestart');
    await platform.fleet.scale(2);
    const load = sendEvents({ url: platform.api.url, events: 1200, concurrency: 8, accounts: 40, spreadOverMs: 8000 });
    await sleep(3000);
    await restartPostgres(stackSettings);
    await expectExactLedger(platform, await load);
  });

  it('rides through a 30 s PostgreSQL outage, reporting itself not ready and its lag meanwhile, ready after', async () => {
    platform = await startPlatform('pgstop');
    const replica = await platform.fleet.startReady();
    const worker = `http://127.0.0.1:${replica.metricsPort}`;
    const load = sendEvents({ url: platform.api.url, events: 600, concurrency: 8, accounts: 40, spreadOverMs: 6000 });
    await sleep(2000);
    const outage = stopPostgresFor(stackSettings, 30_000);
    // Events that reach the topic while the database is down (produced straight to Kafka: the API needs the database).
    const during = Array.from({ length: 50 }, (_, n) => ({
      id: randomUUID(),
      type: 'credit' as const,
      accountId: `acc-outage-${n % 5}`,
      amount: n + 1,
      occurredAt: '2026-11-26T10:00:00.000Z',
    }));
    await sleep(3000);
    await platform.produceRaw(during.map((e) => ({ key: e.accountId, value: JSON.stringify(e) })));
    await sleep(8000);
    const readiness = await readyz(replica.metricsPort);
    const lagDuringOutage = await metricSum(worker, 'worker_consumer_lag');
    await outage;
    const result = await load;
    await expectExactLedger(platform, { accepted: [...result.accepted, ...during] });
    expect(readiness.status).toBe(503);
    expect(readiness.body).toMatch(/database failing since/);
    expect(lagDuringOutage).toBeGreaterThanOrEqual(50);
    expect((await readyz(replica.metricsPort)).status).toBe(200);
  });

  it('waits out a database that turned read-only for 10 s (SQLSTATE 25006) instead of dead-lettering', async () => {
    platform = await startPlatform('readonly');
    await platform.fleet.startReady();
    const load = sendEvents({ url: platform.api.url, events: 600, concurrency: 8, accounts: 40, spreadOverMs: 6000 });
    await sleep(2000);
    // A failover target that is still read-only: every session, open or new, refuses writes.
    await asAdmin((c) => c.query('ALTER SYSTEM SET default_transaction_read_only = on'));
    await asAdmin((c) => c.query('SELECT pg_reload_conf()'));
    try {
      await sleep(10_000);
    } finally {
      await asAdmin((c) => c.query('ALTER SYSTEM RESET default_transaction_read_only'));
      await asAdmin((c) => c.query('SELECT pg_reload_conf()'));
    }
    await expectExactLedger(platform, await load);
  });

  it('retries statement timeouts (57014) under a table lock instead of dead-lettering', async () => {
    platform = await startPlatform('locktimeout');
    const database = platform.scenario.database;
    // A database-wide statement_timeout, as an operator's parameter group sets it.
    await asAdmin((c) => c.query(`ALTER DATABASE "${database}" SET statement_timeout = '500ms'`));
    await platform.fleet.startReady();
    const locker = new pg.Client({ connectionString: platform.scenario.databaseUrl });
    await locker.connect();
    await locker.query('SET statement_timeout = 0');
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE account_balances IN ACCESS EXCLUSIVE MODE');
    const load = sendEvents({ url: platform.api.url, events: 300, concurrency: 8, accounts: 20 });
    await sleep(5000);
    await locker.query('COMMIT');
    await locker.end();
    await expectExactLedger(platform, await load);
  });
});
