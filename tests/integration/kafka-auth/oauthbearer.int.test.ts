// SASL/OAUTHBEARER, the mechanism MSK IAM rides on, against a real broker that requires it and makes every session
// short: both Kafka clients the API can produce with authenticate with the token provider the services hand them
// (security.ts), authenticate again before each session ends (KIP-368; MSK's tokens live 15 minutes), and refuse a
// token the broker rejects. Only MSK's own token check is not exercised here: no MSK cluster is reachable.
import { Kafka, logLevel } from 'kafkajs';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventProducerOptions } from '../../../services/shared/kafka/event-producer.js';
import type { KafkaClientName } from '../../../services/shared/kafka/event-producers.js';
import { createEventProducer } from '../../../services/shared/kafka/event-producers.js';
import type { OAuthBearerBroker } from './oauthbearer-broker.js';
import { startOAuthBearerBroker, unsecuredToken } from './oauthbearer-broker.js';

const SESSION_LIFETIME_MS = 12_000;
const TOPIC = 'oauthbearer-events';
const CLIENTS: KafkaClientName[] = ['platformatic', 'kafkajs'];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('producing over SASL/OAUTHBEARER', { timeout: 120_000 }, () => {
  let broker: OAuthBearerBroker;
  beforeAll(async () => {
    broker = await startOAuthBearerBroker(SESSION_LIFETIME_MS);
    const admin = new Kafka({
      clientId: 'oauthbearer-test',
      brokers: [broker.bootstrap],
      logLevel: logLevel.NOTHING,
      sasl: { mechanism: 'oauthbearer', oauthBearerProvider: async () => ({ value: unsecuredToken('admin') }) },
    }).admin();
    await admin.connect();
    await admin.createTopics({ topics: [{ topic: TOPIC, numPartitions: 2 }], waitForLeaders: true });
    await admin.disconnect();
  }, 90_000);
  afterAll(async () => broker?.stop());

  const options = (token: () => Promise<string>): EventProducerOptions => ({
    clientId: 'oauthbearer-test',
    brokers: [broker.bootstrap],
    maxInFlightRequests: 4,
    // No repeat: a send the broker refuses because its session expired would fail the test, not be retried.
    retry: { retries: 0, initialRetryTime: 100, maxRetryTime: 100 },
    connectionTimeoutMs: 3000,
    requestTimeoutMs: 5000,
    auth: { tls: false, oauthBearerToken: token },
  });

  it('keeps producing across sessions shorter than the run, each client authenticating again in time', async () => {
    const outcomes = await Promise.all(
      CLIENTS.map(async (client) => {
        let tokens = 0;
        const producer = createEventProducer(
          client,
          options(async () => {
            tokens += 1;
            return unsecuredToken(`events-api-${client}`);
          }),
          pino({ level: 'silent' }),
        );
        await producer.connect();
        const failures: string[] = [];
        let sent = 0;
        // Two and a half session lifetimes, a send every 250 ms, each awaited: a connection the broker closed for an
        // expired session would fail one.
        const end = Date.now() + SESSION_LIFETIME_MS * 2.5;
        while (Date.now() < end) {
          await producer
            .send(TOPIC, [{ key: `acct-${sent % 7}`, value: JSON.stringify({ sent }) }])
            .then(() => (sent += 1))
            .catch((error: Error) => failures.push(error.message));
          await sleep(250);
        }
        const leaderless = await producer.leaderlessPartitions(TOPIC);
        await producer.disconnect();
        return { client, sent, failures, leaderless, tokens };
      }),
    );
    for (const outcome of outcomes) {
      expect(outcome.failures, outcome.client).toStrictEqual([]);
      expect(outcome.sent, outcome.client).toBeGreaterThan(50);
      expect(outcome.leaderless, outcome.client).toBe(0);
      // Authenticated when the connection opened and again before each 12 s session ended: 4 tokens from
      // @platformatic/kafka's one connection in 30 s (at 80 % of the lifetime), 16 from kafkajs's (10 s ahead).
      expect(outcome.tokens, outcome.client).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(CLIENTS)('%s acknowledges nothing with a token the broker rejects, and fails readiness', async (client) => {
    const producer = createEventProducer(
      client,
      options(async () => 'not-a-token'),
      pino({ level: 'silent' }),
    );
    await producer.connect().catch(() => undefined);
    const sent = producer.send(TOPIC, [{ key: 'k', value: 'v' }]).then(
      () => 'acknowledged',
      (error: Error) => error.message,
    );
    expect(await sent).not.toBe('acknowledged');
    // The readiness probe asks through the same client: the replica leaves the Service instead of answering 503.
    await expect(producer.leaderlessPartitions(TOPIC)).rejects.toBeDefined();
    await producer.disconnect().catch(() => undefined);
  });
});
