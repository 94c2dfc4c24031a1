import { randomUUID } from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import type { Admin, Consumer } from 'kafkajs';
import { Kafka, logLevel } from 'kafkajs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import type { RunningApi } from '../../tools/local/api-process.js';
import { startApiProcess } from '../../tools/local/api-process.js';
import { freePort } from '../../tools/local/ports.js';
import type { Scenario } from '../../tools/local/scenario.js';
import { createScenario, dropScenario } from '../../tools/local/scenario.js';

const stack = inject('stack');
const logDir = path.join(os.tmpdir(), 'api-int-test');

async function post(
  api: RunningApi,
  route: string,
  body: string,
  headers: Record<string, string> = { 'content-type': 'application/json', 'idempotency-key': randomUUID() },
) {
  const response = await fetch(`${api.url}${route}`, { method: 'POST', headers, body });
  return {
    status: response.status,
    headers: response.headers,
    body: (await response.json()) as Record<string, unknown>,
  };
}

const event = { type: 'credit', accountId: 'acc-1', amount: 100 };

describe('the API against a real broker', () => {
  const kafka = new Kafka({ clientId: 'api-int-test', brokers: stack.kafkaBrokers, logLevel: logLevel.NOTHING });
  let admin: Admin;
  let scenario: Scenario;
  let api: RunningApi;

  beforeAll(async () => {
    admin = kafka.admin();
    await admin.connect();
    scenario = await createScenario(admin, stack.databaseUrl, 'api', 3);
    api = await startApiProcess({ kafkaBrokers: stack.kafkaBrokers, topic: scenario.topic }, logDir, {
      extraEnv: { API_MAX_BATCH_EVENTS: '3', API_BODY_LIMIT_BYTES: '2048', DATABASE_URL: scenario.databaseUrl },
    });
  });
  afterAll(async () => {
    await api?.stop();
    await dropScenario(admin, stack.databaseUrl, scenario);
    await admin.disconnect();
  });

  describe('refuses bad input with a 4xx that names the problem', () => {
    it.each([
      ['malformed JSON', '{"type":', 400, 'INVALID_JSON', /not valid JSON/],
      [
        'a wrong type',
        JSON.stringify({ ...event, amount: '100' }),
        400,
        'INVALID_BODY',
        /body\/amount must be integer/,
      ],
      [
        'a missing field',
        JSON.stringify({ type: 'credit', amount: 1 }),
        400,
        'INVALID_BODY',
        /missing the field 'accountId'/,
      ],
      ['an unknown field', JSON.stringify({ ...event, colour: 'red' }), 400, 'INVALID_BODY', /unknown field 'colour'/],
      [
        'an amount out of range',
        JSON.stringify({ ...event, amount: 0 }),
        400,
        'INVALID_BODY',
        /body\/amount must be >= 1/,
      ],
      [
        'an unknown event type',
        JSON.stringify({ ...event, type: 'refund' }),
        400,
        'INVALID_BODY',
        /body\/type must be equal to one of the allowed values/,
      ],
      [
        'a bad timestamp',
        JSON.stringify({ ...event, occurredAt: 'yesterday' }),
        400,
        'INVALID_BODY',
        /occurredAt must match format "date-time"/,
      ],
      ['an empty body', '', 400, 'INVALID_JSON', /empty|not valid JSON/],
      [
        'an oversize body',
        JSON.stringify({ ...event, payload: { note: 'x'.repeat(4096) } }),
        413,
        'BODY_TOO_LARGE',
        /larger than the API accepts/,
      ],
    ])('%s', async (_case, body, status, code, message) => {
      const response = await post(api, '/events', body);
      expect(response.status).toBe(status);
      expect(response.body.error).toBe(code);
      expect(response.body.message).toMatch(message);
    });

    it('a body that is not JSON', async () => {
      const response = await post(api, '/events', 'type=credit', { 'content-type': 'text/plain' });
      expect(response).toMatchObject({ status: 415, body: { error: 'UNSUPPORTED_MEDIA_TYPE' } });
    });

    it('a batch larger than allowed, and a batch with one bad event, accepting none of it', async () => {
      const tooMany = await post(api, '/events/batch', JSON.stringify({ events: [event, event, event, event] }));
      expect(tooMany).toMatchObject({
        status: 400,
        body: { error: 'INVALID_BODY', message: 'body/events must NOT have more than 3 items' },
      });
      const oneBad = await post(api, '/events/batch', JSON.stringify({ events: [event, { ...event, amount: -1 }] }));
      expect(oneBad).toMatchObject({
        status: 400,
        body: { error: 'INVALID_BODY', message: 'body/events/1/amount must be >= 1' },
      });
    });

    it('an invalid Idempotency-Key', async () => {
      const response = await post(api, '/events', JSON.stringify(event), {
        'content-type': 'application/json',
        'idempotency-key': 'has space',
      });
      expect(response).toMatchObject({ status: 400, body: { error: 'INVALID_IDEMPOTENCY_KEY' } });
    });

    it('an unknown route', async () => {
      const response = await post(api, '/nope', '{}');
      expect(response).toMatchObject({ status: 404, body: { error: 'NOT_FOUND' } });
    });
  });

  describe('accepting events', () => {
    let consumer: Consumer;
    const received: { key: string; value: Record<string, unknown>; partition: number }[] = [];

    beforeAll(async () => {
      consumer = kafka.consumer({ groupId: `${scenario.name}-reader` });
      await consumer.connect();
      await consumer.subscribe({ topic: scenario.topic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message, partition }) => {
          received.push({
            key: message.key!.toString(),
            value: JSON.parse(message.value!.toString()) as Record<string, unknown>,
            partition,
          });
        },
      });
    });
    afterAll(async () => {
      await consumer.disconnect();
    });

    async function receivedWithId(id: unknown, count = 1) {
      for (let i = 0; i < 100; i += 1) {
        const found = received.filter((r) => r.value.id === id);
        if (found.length >= count) return found;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      return received.filter((r) => r.value.id === id);
    }

    it('answers 202 only once the event is in Kafka, keyed by account', async () => {
      const response = await post(api, '/events', JSON.stringify({ ...event, accountId: 'acc-keyed' }));
      expect(response.status).toBe(202);
      const [message] = await receivedWithId(response.body.id);
      expect(message).toMatchObject({
        key: 'acc-keyed',
        value: { id: response.body.id, type: 'credit', accountId: 'acc-keyed', amount: 100 },
      });
    });

    it('a retry with the same Idempotency-Key gets the first answer, and its event again byte for byte', async () => {
      const headers = { 'content-type': 'application/json', 'idempotency-key': 'retry-me-1' };
      const first = await post(api, '/events', JSON.stringify(event), headers);
      const second = await post(api, '/events', JSON.stringify(event), headers);
      expect(first.status).toBe(202);
      expect(second.status).toBe(202);
      expect(second.body).toStrictEqual(first.body);
      expect(second.headers.get('idempotent-replayed')).toBe('true');
      // Produced again (so a first attempt that failed is durable now) as the very same event: the dedup absorbs it.
      const copies = await receivedWithId(first.body.id, 2);
      expect(copies).toHaveLength(2);
      expect(copies[1]!.value).toStrictEqual(copies[0]!.value);
      expect(copies[0]!.value.acceptedAt).toBe(first.body.acceptedAt);
    });

    it('refuses an Idempotency-Key reused with a different body', async () => {
      const headers = { 'content-type': 'application/json', 'idempotency-key': 'retry-me-2' };
      await post(api, '/events', JSON.stringify(event), headers);
      const reused = await post(api, '/events', JSON.stringify({ ...event, amount: 999 }), headers);
      expect(reused).toMatchObject({ status: 422, body: { error: 'IDEMPOTENCY_KEY_REUSED' } });
    });

    it('accepts a batch as a whole, all events on the topic', async () => {
      const response = await post(
        api,
        '/events/batch',
        JSON.stringify({ events: [event, { ...event, accountId: 'acc-2' }] }),
      );
      expect(response.status).toBe(202);
      const ids = response.body.ids as string[];
      expect(ids).toHaveLength(2);
      for (const id of ids) expect(await receivedWithId(id)).toHaveLength(1);
    });

    it('counts accepted and rejected events in /metrics', async () => {
      const text = await (await fetch(`${api.url}/metrics`)).text();
      expect(text).toMatch(/^api_events_accepted_total [1-9]\d*$/m);
      expect(text).toMatch(/^api_events_rejected_total\{reason="INVALID_BODY"\} [1-9]\d*$/m);
      expect(text).toContain('http_request_duration_seconds_bucket');
    });
  });
});

describe('the API when Kafka is unreachable', () => {
  it('is live but not ready, and answers 503 with Retry-After instead of crashing', async () => {
    const nothingListens = await freePort();
    const admin = new Kafka({
      clientId: 'api-int-test',
      brokers: stack.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const scenario = await createScenario(admin, stack.databaseUrl, 'nokafka', 1);
    const api = await startApiProcess({ kafkaBrokers: [`127.0.0.1:${nothingListens}`], topic: 'unreachable' }, logDir, {
      waitReady: false,
      extraEnv: { API_PRODUCE_TIMEOUT_MS: '1500', API_RETRY_AFTER_SECONDS: '2', DATABASE_URL: scenario.databaseUrl },
    });
    try {
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(503);
      const response = await post(api, '/events', JSON.stringify(event));
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('2');
      expect(response.body.error).toBe('KAFKA_UNAVAILABLE');
      expect(api.process.alive).toBe(true);
      expect((await fetch(`${api.url}/livez`)).status).toBe(200);
    } finally {
      await api.stop();
      await dropScenario(admin, stack.databaseUrl, scenario);
      await admin.disconnect();
    }
  });
});
