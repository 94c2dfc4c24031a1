import { afterEach, describe, expect, it } from 'vitest';
import { startApiProcess } from '../../../tools/local/api-process.js';
import type { LocalPlatform } from '../../../tools/local/platform.js';
import { expectExactLedger, logDir, metric, startPlatform } from './fault-kit.js';

const credit = { type: 'credit', accountId: 'acc-idem', amount: 100 };
const otherCredit = { ...credit, amount: 999 };

async function post(url: string, route: string, body: unknown, key?: string) {
  const response = await fetch(`${url}${route}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(key === undefined ? {} : { 'idempotency-key': key }) },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, text, body: JSON.parse(text) as Record<string, unknown> };
}

const asAccepted = (id: unknown, input: typeof credit) => ({
  id: String(id),
  ...input,
  type: 'credit' as const,
  occurredAt: '',
});

describe('clients that retry, reuse keys or send hostile bodies', { timeout: 120_000 }, () => {
  let platform: LocalPlatform | undefined;
  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
  });

  it('refuses a key reused with another body on a second API replica, and after an API restart', async () => {
    platform = await startPlatform('idem');
    await platform.fleet.startReady();
    const second = await startApiProcess(
      { kafkaBrokers: platform.options.connection.kafkaBrokers, topic: platform.scenario.topic },
      logDir,
      { extraEnv: { DATABASE_URL: platform.scenario.databaseUrl } },
    );
    try {
      const first = await post(platform.api.url, '/events', credit, 'key-1');
      expect(first.status).toBe(202);
      expect((await post(second.url, '/events', otherCredit, 'key-1')).status).toBe(422);
      // The identical retry, on either replica, answers as the first did.
      const retry = await post(second.url, '/events', credit, 'key-1');
      expect(retry.status).toBe(202);
      expect(retry.body).toStrictEqual(first.body);
    } finally {
      await second.stop();
    }
    const restarted = await platform.restartApi();
    expect((await post(restarted.url, '/events', otherCredit, 'key-1')).status).toBe(422);
    const afterRestart = await post(restarted.url, '/events', credit, 'key-1');
    expect(afterRestart.status).toBe(202);
    await expectExactLedger(platform, { accepted: [asAccepted(afterRestart.body.id, credit)] });
  });

  it('refuses the same key on /events and then /events/batch instead of skipping the batch as a duplicate', async () => {
    platform = await startPlatform('idemroutes');
    await platform.fleet.startReady();
    const single = await post(platform.api.url, '/events', credit, 'key-2');
    expect(single.status).toBe(202);
    const batch = await post(platform.api.url, '/events/batch', { events: [credit, otherCredit] }, 'key-2');
    expect(batch.status).toBe(422);
    await expectExactLedger(platform, { accepted: [asAccepted(single.body.id, credit)] });
  });

  it('requires an Idempotency-Key, so that a retry can never apply an event twice', async () => {
    platform = await startPlatform('idemrequired');
    const missing = await post(platform.api.url, '/events', credit);
    expect(missing.status).toBe(400);
    expect(missing.body.error).toBe('IDEMPOTENCY_KEY_REQUIRED');
  });

  it('applies an event whose id is an upper-case UUID instead of counting it as a duplicate', async () => {
    platform = await startPlatform('uppercase', { partitions: 1 });
    const id = 'ABCDEF00-0000-4000-8000-0000000000AA';
    await platform.produceRaw([
      {
        key: 'acc-u',
        value: JSON.stringify({
          id,
          type: 'credit',
          accountId: 'acc-u',
          amount: 5,
          occurredAt: '2026-11-23T10:00:00Z',
        }),
      },
    ]);
    const replica = await platform.fleet.startReady();
    await expectExactLedger(platform, {
      accepted: [{ id: id.toLowerCase(), type: 'credit', accountId: 'acc-u', amount: 5, occurredAt: '' }],
    });
    expect(await metric(`http://127.0.0.1:${replica.metricsPort}`, 'worker_duplicates_skipped_total')).toBe(0);
  });

  it('answers a body nested 10,000 deep with a 400, not a 500', async () => {
    platform = await startPlatform('deep');
    const deep = `{"type":"credit","accountId":"a","amount":1,"payload":{"x":${'['.repeat(10_000)}${']'.repeat(10_000)}}}`;
    const response = await post(platform.api.url, '/events', deep, 'deep-1');
    expect(response.status).toBe(400);
  });

  it('answers a body with 100,000 unknown fields with a short 400', async () => {
    platform = await startPlatform('wide', { apiEnv: { API_BODY_LIMIT_BYTES: '4194304' } });
    const wide = { ...credit, ...Object.fromEntries(Array.from({ length: 100_000 }, (_, i) => [`f${i}`, 1])) };
    const response = await post(platform.api.url, '/events', wide, 'wide-1');
    expect(response.status).toBe(400);
    expect(response.text.length).toBeLessThan(4096);
    expect(response.text).toMatch(/unknown field 'f0'/);
  });

  it('dead-letters a 1 MB poison message with a bounded error header', async () => {
    platform = await startPlatform('bigpoison', { partitions: 1 });
    const fields = Object.fromEntries(Array.from({ length: 65_000 }, (_, i) => [`field${i}`, 1]));
    const value = JSON.stringify({ id: '00000000-0000-4000-8000-000000000001', ...fields });
    expect(value.length).toBeGreaterThan(900_000);
    await platform.produceRaw([{ key: 'acc-big', value }]);
    await platform.fleet.startReady();
    await expectExactLedger(platform, { accepted: [] }, 1);
    const [dead] = await platform.deadLetters(1);
    expect(dead!.value).toBe(value);
    expect(dead!.headers['x-dlq-error']!.length).toBeLessThanOrEqual(2048);
  });
});
