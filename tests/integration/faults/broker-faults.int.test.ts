import { afterEach, describe, expect, it } from 'vitest';
import { sendEvents } from '../../../tools/local/load.js';
import type { LocalPlatform } from '../../../tools/local/platform.js';
import { freezeBroker, killAndRestartBroker } from '../../../tools/stack/faults.js';
import { expectExactLedger, sleep, stackSettings, startPlatform } from './fault-kit.js';

const credit = { type: 'credit', accountId: 'acc-timeout', amount: 7 };

async function postEvent(url: string, key: string) {
  const response = await fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify(credit),
  });
  return { status: response.status, text: await response.text() };
}

describe('the data path while the broker fails', { timeout: 180_000 }, () => {
  let platform: LocalPlatform | undefined;
  afterEach(async () => {
    await platform?.stop();
    platform = undefined;
  });

  it('keeps every 2xx through a broker SIGKILL and restart under load, and the API recovers without a restart', async () => {
    platform = await startPlatform('brokerkill');
    await platform.fleet.startReady();
    await platform.fleet.startReady();
    const load = sendEvents({
      url: platform.api.url,
      events: 1500,
      concurrency: 16,
      accounts: 40,
      spreadOverMs: 10_000,
    });
    await sleep(3000);
    const fleet = platform.fleet;
    // A replica that starts while the broker is down waits for it instead of crash-looping.
    await killAndRestartBroker(stackSettings, 3000, () => void fleet.start());
    const result = await load;
    expect(result.rejected).toBe(0);
    await expectExactLedger(platform, result);
    expect(platform.api.process.alive).toBe(true);
    expect(fleet.size).toBe(3);
  });

  it('answers a produce timeout with a 503 that hides the broker and says the event may still be applied; the retry with the same key applies it once', async () => {
    platform = await startPlatform('timeout', { apiEnv: { API_PRODUCE_TIMEOUT_MS: '1000' } });
    await platform.fleet.startReady();
    const thaw = freezeBroker(stackSettings);
    let first: { status: number; text: string };
    try {
      first = await postEvent(platform.api.url, 'timeout-1');
    } finally {
      thaw();
    }
    expect(first.status).toBe(503);
    expect(first.text).not.toMatch(/127\.0\.0\.1|19092|ECONNREFUSED/);
    expect(first.text).toMatch(/may still be applied/);

    let retried = await postEvent(platform.api.url, 'timeout-1');
    for (let attempt = 0; retried.status === 503 && attempt < 30; attempt += 1) {
      await sleep(1000);
      retried = await postEvent(platform.api.url, 'timeout-1');
    }
    expect(retried.status).toBe(202);
    const { id } = JSON.parse(retried.text) as { id: string };
    await expectExactLedger(platform, { accepted: [{ id, ...credit, type: 'credit', occurredAt: '' }] });
  });

  it('pauses the partition while the dead-letter topic is unavailable, then dead-letters the poison and applies the rest', async () => {
    platform = await startPlatform('dlqdown', { partitions: 1 });
    await platform.admin.deleteTopics({ topics: [platform.scenario.deadLetterTopic] });
    const good = (n: number) =>
      JSON.stringify({
        id: `00000000-0000-4000-8000-00000000000${n}`,
        type: 'credit',
        accountId: 'acc-d',
        amount: n,
        occurredAt: '2026-11-23T10:00:00.000Z',
      });
    await platform.produceRaw([
      { key: 'acc-d', value: good(1) },
      { key: 'acc-d', value: '{poison' },
      { key: 'acc-d', value: good(2) },
    ]);
    const replica = await platform.fleet.startReady();
    await sleep(8000);
    expect(replica.process.alive).toBe(true);
    await platform.admin.createTopics({
      waitForLeaders: true,
      topics: [{ topic: platform.scenario.deadLetterTopic, numPartitions: 1 }],
    });
    const accepted = [1, 2].map((n) => ({
      id: `00000000-0000-4000-8000-00000000000${n}`,
      type: 'credit' as const,
      accountId: 'acc-d',
      amount: n,
      occurredAt: '',
    }));
    await expectExactLedger(platform, { accepted }, 1);
  });
});
