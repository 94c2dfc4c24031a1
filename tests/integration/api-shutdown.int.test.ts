import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Kafka, logLevel } from 'kafkajs';
import { describe, expect, inject, it } from 'vitest';
import { startApiProcess } from '../../tools/local/api-process.js';
import { createScenario, dropScenario } from '../../tools/local/scenario.js';

const stack = inject('stack');

describe('the API on SIGTERM', () => {
  it('turns not ready first and keeps serving while the load balancer drains, then exits cleanly', async () => {
    const admin = new Kafka({
      clientId: 'api-shutdown-test',
      brokers: stack.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    }).admin();
    await admin.connect();
    const scenario = await createScenario(admin, stack.databaseUrl, 'drain', 1);
    const api = await startApiProcess(
      { kafkaBrokers: stack.kafkaBrokers, topic: scenario.topic },
      path.join(os.tmpdir(), 'api-shutdown-test'),
      { extraEnv: { DATABASE_URL: scenario.databaseUrl, API_SHUTDOWN_DRAIN_MS: '3000' } },
    );
    try {
      api.process.kill('SIGTERM');
      await sleep(300);
      const ready = await fetch(`${api.url}/readyz`);
      const accepted = await fetch(`${api.url}/events`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'during-drain' },
        body: JSON.stringify({ type: 'credit', accountId: 'acc-drain', amount: 1 }),
      });
      expect(ready.status).toBe(503);
      expect(accepted.status).toBe(202);
      expect(api.process.alive).toBe(true);
      expect(await api.process.exited).toStrictEqual({ code: 0, signal: null });
    } finally {
      await api.stop();
      await dropScenario(admin, stack.databaseUrl, scenario);
      await admin.disconnect();
    }
  });
});
