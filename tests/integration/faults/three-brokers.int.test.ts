import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sendEvents } from '../../../tools/local/load.js';
import { startApiProcess } from '../../../tools/local/api-process.js';
import type { LocalPlatform } from '../../../tools/local/platform.js';
import { killBroker, launchBroker, restartBroker, startBrokers } from '../../../tools/stack/faults.js';
import { busiestLeader, groupCoordinator, waitForElection, waitForFullIsr } from '../../../tools/stack/leaders.js';
import { packetDropUnavailable, port, withPacketsDropped } from '../../../tools/stack/packet-drop.js';
import {
  AnswerLog,
  LagWatch,
  cluster,
  clusterConnection,
  events,
  long,
  expectNoRequestHung,
  recordFaultCost,
  startClusterPlatform,
  useThreeBrokers,
} from './cluster-kit.js';
import { expectExactLedger, logDir, sleep, stackSettings } from './fault-kit.js';

// The API's documented answers to a dependency that went silent (docs/services.md, "Which timeout answers which
// fault"): a produce waits at most API_PRODUCE_TIMEOUT_MS (5 s); a key claim waits for the claim flush in flight, at
// most DATABASE_QUERY_TIMEOUT_MS (7 s) on a silent connection, then for its own, whose new connection gives up after
// DATABASE_CONNECT_TIMEOUT_MS (3 s). The margin covers a slow, shared 2-core machine; a request that hangs (15 s, the
// load's own limit) is past it.
const PRODUCE_TIMEOUT_MS = 5000;
const CLAIM_TIMEOUT_MS = 7000 + 3000;
const MARGIN_MS = 3000;
// The backlog must be applied within a minute of the heal (the chaos drill's lag-recovery goal).
const DRAIN_WITHIN_MS = 60_000;

const probeEvent = (n: number) => ({ type: 'credit' as const, accountId: `acc-probe-${n % 3}`, amount: n + 1 });

async function postOnce(url: string, key: string, input: object, log: AnswerLog) {
  const startedAt = Date.now();
  try {
    const response = await fetch(`${url}/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': key },
      body: JSON.stringify(input),
      signal: AbortSignal.timeout(15_000),
    });
    log.record({ startedAt, ms: Date.now() - startedAt, status: response.status });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    log.record({ startedAt, ms: Date.now() - startedAt, status: 0 });
    return { status: 0, text: String(error) };
  }
}

/** Retries one request with its key until a 202 (at most 60 s), as a well-behaved client does; returns the event. */
async function postUntilAccepted(url: string, key: string, input: ReturnType<typeof probeEvent>) {
  const log = new AnswerLog();
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answer = await postOnce(url, key, input, log);
    if (answer.status === 202) {
      const { id } = JSON.parse(answer.text) as { id: string };
      return { id, ...input, occurredAt: '' };
    }
    if (Date.now() > deadline) throw new Error(`key ${key} still answered ${answer.status} after 60 s: ${answer.text}`);
    await sleep(1000);
  }
}

interface SteadyLoad {
  readonly log: AnswerLog;
  readonly lag: LagWatch;
  /** Two seconds of this load: the backlog that counts as caught up. */
  readonly lagGoal: number;
  readonly result: ReturnType<typeof sendEvents>;
}

let watching: LagWatch | undefined;

/** `count` events (ten times more in the long form) spread over `overMs`, with the answers and the lag recorded. */
function steadyLoad(platform: LocalPlatform, count: number, overMs: number): SteadyLoad {
  const log = new AnswerLog();
  const lag = new LagWatch(platform);
  watching = lag;
  const total = events(count);
  const spreadOverMs = overMs * (total / count);
  const result = sendEvents({
    url: platform.api.url,
    events: total,
    concurrency: 8,
    accounts: 40,
    spreadOverMs,
    onAnswer: log.record,
  });
  return { log, lag, lagGoal: Math.ceil((2000 * total) / spreadOverMs), result };
}

/** Asserts the ledger, then records what the fault cost; returns the ms from the heal until the lag caught up. */
async function settle(platform: LocalPlatform, load: SteadyLoad, scenario: string, healedAt: number): Promise<number> {
  const result = await load.result;
  expect(result.rejected).toBe(0);
  await expectExactLedger(platform, result);
  const drainedMs = load.lag.caughtUpAfter(healedAt, load.lagGoal);
  recordFaultCost(scenario, { without2xxMs: load.log.longestWithout2xx(), drainedMs });
  expect(platform.api.process.alive).toBe(true);
  return drainedMs;
}

describe(
  'the durability promise on three brokers (prod replication: 3 copies, 2 in sync)',
  { timeout: long ? 900_000 : 300_000 },
  () => {
    let restoreStack: () => Promise<void> = async () => undefined;
    let platform: LocalPlatform | undefined;
    beforeAll(async () => {
      restoreStack = await useThreeBrokers();
    }, 300_000);
    afterEach(async () => {
      watching?.stop();
      // A test that failed mid-fault leaves brokers down: the next one starts from a whole cluster.
      await startBrokers(cluster);
      await platform?.stop();
      platform = undefined;
    });
    afterAll(async () => {
      await restoreStack();
    }, 300_000);

    it('keeps every 2xx when the leader of the busiest partitions is SIGKILLed and restarted, answering fast again after the election', async () => {
      platform = await startClusterPlatform('leaderkill');
      await platform.fleet.scale(2);
      const load = steadyLoad(platform, 600, 20_000);
      await sleep(4000);
      const leader = await busiestLeader(platform.admin, platform.scenario.topic);
      const killedAt = Date.now();
      await killBroker(cluster, leader);
      await waitForElection(platform.admin, platform.scenario.topic, leader, 60_000);
      const electedAt = Date.now();
      await sleep(4000);
      const restartAt = Date.now();
      await startBrokers(cluster);
      await settle(
        platform,
        load,
        'the leader of the busiest partitions SIGKILLed, back 4 s after the election',
        electedAt,
      );
      // After the election, and before the lost broker's JVM starts again and takes the CPU, the API answers as fast
      // as before the fault: within prod's goal (p95 ≤ 300 ms, observability.slo), or, where this machine is slower
      // than that even on a whole cluster (two shared cores, three JVMs), within twice its own p95 before the kill.
      const before = load.log.latencyQuantile(0.95, killedAt - 3000, killedAt);
      const after = load.log.latencyQuantile(0.95, electedAt + 1000, restartAt);
      expect(after, `p95 ${after} ms after the election, ${before} ms before the kill`).toBeLessThanOrEqual(
        Math.max(300, 2 * before),
      );
    });

    it('answers 503, never 2xx, while two of three brokers are down, and applies everything it accepted once they return', async () => {
      platform = await startClusterPlatform('twodown');
      const before = await sendEvents({ url: platform.api.url, events: events(100), concurrency: 8, accounts: 20 });
      expect(before.rejected).toBe(0);
      await killBroker(cluster, 2);
      await killBroker(cluster, 3);
      const log = new AnswerLog();
      // One attempt each, no retry: what the API answers while no write can reach min ISR.
      const probes = Array.from({ length: 10 }, (_, n) => ({ key: `twodown-${n}`, input: probeEvent(n) }));
      const answers = await Promise.all(probes.map((p) => postOnce(platform!.api.url, p.key, p.input, log)));
      const downFor = Date.now();
      expect(answers.map((a) => a.status)).toStrictEqual(probes.map(() => 503));
      expect(answers.filter((a) => !/may still be applied/.test(a.text))).toStrictEqual([]);
      expectNoRequestHung(log, PRODUCE_TIMEOUT_MS + MARGIN_MS);
      // The two come back; a worker starts only now, so everything accepted before is applied after the outage.
      await launchBroker(cluster, 2);
      await launchBroker(cluster, 3);
      await startBrokers(cluster);
      await platform.fleet.startReady();
      const healedAt = Date.now();
      // A 503 said the event may still be applied: the client retries with the same key, and it is applied once.
      const retried = [];
      for (const p of probes) retried.push(await postUntilAccepted(platform.api.url, p.key, p.input));
      await expectExactLedger(platform, { accepted: [...before.accepted, ...retried] });
      recordFaultCost('two of three brokers SIGKILLed', {
        without2xxMs: healedAt - downFor,
        drainedMs: Date.now() - healedAt,
      });
    });

    it('applies nothing twice when the group coordinator is SIGKILLed while the workers commit, and the group re-forms', async () => {
      platform = await startClusterPlatform('coordkill');
      await platform.fleet.scale(2);
      const load = steadyLoad(platform, 500, 15_000);
      await sleep(4000);
      const group = platform.scenario.consumerGroup;
      const coordinator = await groupCoordinator(platform.admin, group);
      await killBroker(cluster, coordinator);
      await sleep(5000);
      await startBrokers(cluster);
      await settle(platform, load, 'the group coordinator SIGKILLed, back after 5 s', Date.now());
      const described = (await platform.admin.describeGroups([group])).groups[0];
      expect(described?.state).toBe('Stable');
      expect(described?.members).toHaveLength(2);
    });

    it('keeps every 2xx through a rolling restart of the three brokers, one at a time, as MSK patches them', async () => {
      platform = await startClusterPlatform('rolling');
      await platform.fleet.scale(2);
      const load = steadyLoad(platform, 600, 20_000);
      const topics = [platform.scenario.topic, platform.scenario.deadLetterTopic];
      for (const id of [1, 2, 3]) {
        // MSK moves on to the next broker only once every partition is fully replicated again.
        await waitForFullIsr(platform.admin, topics, 120_000);
        await restartBroker(cluster, id);
      }
      await settle(platform, load, 'a rolling restart of the three brokers (controlled shutdowns)', Date.now());
    });

    const networkFaults = [
      { name: 'PostgreSQL', ports: port(stackSettings.postgresPort), boundMs: CLAIM_TIMEOUT_MS + MARGIN_MS },
      { name: 'one broker', ports: port(cluster.kafkaPort + 1), boundMs: PRODUCE_TIMEOUT_MS + MARGIN_MS },
      {
        name: 'all three brokers',
        ports: { from: cluster.kafkaPort, to: cluster.kafkaPort + 2 },
        boundMs: PRODUCE_TIMEOUT_MS + MARGIN_MS,
      },
    ];
    // Dropping packets needs root and iptables (tools/install/iptables.sh); elsewhere these three cannot run at all.
    const noPacketDrop = packetDropUnavailable();
    for (const fault of networkFaults) {
      it.skipIf(noPacketDrop !== undefined)(
        `answers every request within its timeout while packets to ${fault.name} are dropped for 20 s, dead-letters nothing good, and drains within a minute of the heal`,
        async () => {
          platform = await startClusterPlatform(`drop${fault.ports.from}`);
          await platform.fleet.scale(2);
          const load = steadyLoad(platform, 400, 24_000);
          await sleep(2000);
          await withPacketsDropped(fault.ports, 20_000);
          const drainedMs = await settle(platform, load, `packets to ${fault.name} dropped for 20 s`, Date.now());
          expectNoRequestHung(load.log, fault.boundMs);
          expect(drainedMs).toBeLessThanOrEqual(DRAIN_WITHIN_MS);
          expect(platform.fleet.unexpectedExits()).toStrictEqual([]);
        },
      );
    }

    it.skipIf(noPacketDrop !== undefined)(
      'starts a new API replica, ready within seconds, while packets to the first bootstrap broker are dropped',
      async () => {
        platform = await startClusterPlatform('dropfirst');
        const scenario = platform.scenario;
        // A replica scaled out during the fault: the broker is alive to the controller, so it stays in the metadata,
        // but this client's packets to it go nowhere (a connection attempt waits out its 3 s timeout).
        const replica = await withPacketsDropped(port(cluster.kafkaPort), 0, async () => {
          const startedAt = Date.now();
          const api = await startApiProcess(
            { kafkaBrokers: clusterConnection.kafkaBrokers, topic: scenario.topic },
            logDir,
            {
              extraEnv: { DATABASE_URL: scenario.databaseUrl },
            },
          );
          return { api, readyAfterMs: Date.now() - startedAt };
        });
        await replica.api.stop();
        expect(replica.readyAfterMs).toBeLessThan(30_000);
      },
    );
  },
);
