import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApi } from './app.js';
import { InMemoryKeyStore, KeyRegistry } from './key-registry.js';
import { createApiMetrics } from './metrics.js';
import { EventPublisher } from './publisher.js';
import { readApiSettings } from './settings.js';

/** Sends wait until the test releases them, so requests stay in flight as long as the test needs. */
class HeldProducer {
  private held: (() => void)[] = [];
  send(): Promise<void> {
    return new Promise((resolve) => this.held.push(resolve));
  }
  releaseAll(): void {
    for (const release of this.held.splice(0)) release();
  }
  get waiting(): number {
    return this.held.length;
  }
}

async function startApi(env: Record<string, string>) {
  const settings = readApiSettings({ KAFKA_BROKERS: 'unused:9092', KAFKA_TOPIC: 't', ...env });
  const metrics = createApiMetrics();
  const producer = new HeldProducer();
  const app = buildApi({
    settings,
    publisher: new EventPublisher(producer, settings, metrics),
    keys: new KeyRegistry(new InMemoryKeyStore()),
    readiness: { notReadyReason: () => undefined },
    metrics,
    logger: pino({ level: 'silent' }),
    shuttingDown: () => false,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  return { app, producer, url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

const post = (url: string, key: string) =>
  fetch(`${url}/events`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'idempotency-key': key },
    body: JSON.stringify({ type: 'credit', accountId: 'acc-1', amount: 5 }),
  });

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 5));
};

describe('the API at capacity', () => {
  let stop: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await stop?.();
    stop = undefined;
  });

  it('refuses event requests beyond API_MAX_IN_FLIGHT_REQUESTS at once with 503 and Retry-After, never probes', async () => {
    const { app, producer, url } = await startApi({ API_MAX_IN_FLIGHT_REQUESTS: '2' });
    stop = () => app.close();
    const held = [post(url, 'k1'), post(url, 'k2')];
    await until(() => producer.waiting > 0);
    const refused = await post(url, 'k3');
    expect(refused.status).toBe(503);
    expect(refused.headers.get('retry-after')).toBe('1');
    expect(((await refused.json()) as { error: string }).error).toBe('OVERLOADED');
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    expect((await fetch(`${url}/livez`)).status).toBe(200);

    producer.releaseAll();
    expect((await Promise.all(held)).map((r) => r.status)).toStrictEqual([202, 202]);
    // Both answers gave their admission back: the next requests are taken in again.
    const next = [post(url, 'k4'), post(url, 'k5')];
    await until(() => producer.waiting > 0);
    producer.releaseAll();
    expect((await Promise.all(next)).map((r) => r.status)).toStrictEqual([202, 202]);
  });

  it('gives the admission back when the client hangs up before the answer', async () => {
    const { app, producer, url } = await startApi({ API_MAX_IN_FLIGHT_REQUESTS: '1' });
    stop = () => app.close();
    const abandoned = new AbortController();
    const gone = fetch(`${url}/events`, {
      method: 'POST',
      signal: abandoned.signal,
      headers: { 'content-type': 'application/json', 'idempotency-key': 'a1' },
      body: JSON.stringify({ type: 'credit', accountId: 'acc-1', amount: 5 }),
    }).catch(() => 'aborted');
    await until(() => producer.waiting > 0);
    abandoned.abort();
    expect(await gone).toBe('aborted');
    producer.releaseAll();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const next = post(url, 'a2');
    await until(() => producer.waiting > 0);
    producer.releaseAll();
    expect((await next).status).toBe(202);
  });
});
