import type { Admin, Kafka } from 'kafkajs';
import pg from 'pg';
import { ANONYMOUS_CALLER } from '../../services/api/caller.js';
import { partitionKey } from '../../services/shared/contract/event.js';
import type { LedgerEvent } from '../../services/shared/contract/event.js';
import { eventId } from '../../services/shared/contract/event-id.js';
import { waitForZeroLag } from '../local/lag.js';
import type { Scenario } from '../local/scenario.js';
import type { ConnectionSettings } from '../stack/settings.js';
import { createMigratedDatabase, dropDatabase } from '../local/scenario.js';
import { WorkerFleet } from '../local/worker-fleet.js';
import { pod } from './pod.js';
import { waitForHttpOk } from '../local/processes.js';
import type { TrafficShape } from '../../loadtests/events.js';
import type { CpuShare, GroupReading } from './cpu.js';
import { measureCpu } from './cpu.js';
import type { GcReading } from './gc-reading.js';
import { startGcReading } from './gc-reading.js';
import { idempotencyKey, syntheticEvent } from '../../loadtests/events.js';

/** Event i of a shape as the API would have put it on the topic (same id derivation, same JSON). */
export function topicEvent(shape: TrafficShape, i: number, at: string): LedgerEvent {
  return {
    id: eventId(ANONYMOUS_CALLER, idempotencyKey(shape.runId, i), 0),
    ...syntheticEvent(shape, i),
    occurredAt: at,
    acceptedAt: at,
  };
}

/** Fills the topic straight through Kafka (not the API): the backlog a worker drains. */
export async function prefill(kafka: Kafka, topic: string, shape: TrafficShape, events: number): Promise<void> {
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const at = new Date().toISOString();
    const batch = 5000;
    for (let first = 0; first < events; first += batch * 4) {
      const sends = [];
      for (let b = first; b < Math.min(events, first + batch * 4); b += batch) {
        const messages = [];
        for (let i = b; i < Math.min(events, b + batch); i += 1) {
          const event = topicEvent(shape, i, at);
          messages.push({ key: partitionKey(event), value: JSON.stringify(event) });
        }
        sends.push(producer.send({ topic, acks: -1, messages }));
      }
      await Promise.all(sends);
    }
  } finally {
    await producer.disconnect();
  }
}

export interface DrainResult {
  readonly replicas: number;
  readonly eventsPerSec: number;
  readonly applied: number;
  /** CPU from the end of the settling time to the end of the drain. */
  readonly cpu: CpuShare;
  /** Each replica's garbage collection over the same window. */
  readonly garbageCollection: GcReading[];
}

/**
 * Drains the prefilled topic with `replicas` workers of a consumer group of their own into a database of their own,
 * and measures the rate from the ledger: the events applied after `settleMs` past the moment every replica had joined,
 * over the time from then to the last one (start-up and the first rebalance stay out; later rebalances count).
 */
export async function drainWith(
  admin: Admin,
  scenario: Scenario,
  connection: ConnectionSettings,
  replicas: number,
  settleMs: number,
  logDir: string,
  groups: Record<string, () => GroupReading>,
): Promise<DrainResult> {
  const adminDatabaseUrl = connection.databaseUrl;
  const database = `${scenario.database}_r${replicas}`;
  const databaseUrl = await createMigratedDatabase(adminDatabaseUrl, database);
  const group = `${scenario.consumerGroup}.r${replicas}`;
  const fleet = new WorkerFleet({
    scenario: { ...scenario, consumerGroup: group, databaseUrl, database },
    kafkaBrokers: connection.kafkaBrokers,
    mode: 'after',
    logDir,
    env: pod('worker').env,
    memoryLimitMiB: pod('worker').memoryLimitMiB,
  });
  try {
    const started = await Promise.all(Array.from({ length: replicas }, () => fleet.start()));
    await Promise.all(started.map((r) => waitForHttpOk(`http://127.0.0.1:${r.metricsPort}/readyz`, 60_000, r.process)));
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const from = new Date();
    const gcReadings = await Promise.all(started.map((r) => startGcReading(r.process.child.pid!, r.metricsPort)));
    const { cpu } = await measureCpu(
      groups,
      () => ({ worker: fleet.all.map((r) => r.process.child.pid!) }),
      () => waitForZeroLag(admin, group, scenario.topic, 600_000),
    );
    const garbageCollection = await Promise.all(gcReadings.map((end) => end()));
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const { rows } = await client.query<{ after: string; total: string; seconds: number | null }>(
        `SELECT count(*) FILTER (WHERE applied_at > $1::timestamptz) AS after, count(*) AS total,
                extract(epoch FROM max(applied_at) - $1::timestamptz) AS seconds
         FROM ledger_entries`,
        [from],
      );
      const r = rows[0]!;
      if (r.seconds === null || r.seconds <= 0)
        throw new Error(`the backlog was drained before the measurement window opened; prefill more events`);
      return {
        replicas,
        eventsPerSec: Math.round(Number(r.after) / r.seconds),
        applied: Number(r.total),
        cpu,
        garbageCollection,
      };
    } finally {
      await client.end();
    }
  } finally {
    await fleet.stopAll();
    await admin.deleteGroups([group]).catch(() => undefined);
    await dropDatabase(adminDatabaseUrl, database);
  }
}
