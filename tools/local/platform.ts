import type { Admin, IHeaders, Kafka } from 'kafkajs';
import { Kafka as KafkaClient, logLevel } from 'kafkajs';
import type { ConnectionSettings } from '../stack/settings.js';
import type { RunningApi } from './api-process.js';
import { startApiProcess } from './api-process.js';
import type { LedgerVerdict } from './ledger-check.js';
import { checkLedger } from './ledger-check.js';
import { waitForZeroLag } from './lag.js';
import { retryRead } from './retry-read.js';
import type { Scenario } from './scenario.js';
import { createScenario, dropScenario } from './scenario.js';
import { declaredDurability } from './topic-durability.js';
import { WorkerFleet } from './worker-fleet.js';
import type { LedgerEvent } from '../../services/shared/contract/event.js';

export interface PlatformOptions {
  readonly connection: ConnectionSettings;
  readonly label: string;
  readonly partitions: number;
  readonly mode: 'before' | 'after';
  readonly logDir: string;
  readonly workerEnv?: Record<string, string>;
  readonly apiEnv?: Record<string, string>;
  /** The API and each worker replica run in a memory cgroup of these limits where the machine allows one. */
  readonly memoryLimitsMiB?: { readonly api: number; readonly worker: number };
  /** Create the topics with this environment's replication and min ISR (e.g. 'prod' on three brokers). */
  readonly topicsLike?: string;
}

export interface DeadLetter {
  readonly key: string | undefined;
  readonly value: string | undefined;
  readonly headers: Record<string, string>;
}

function headerText(headers: IHeaders | undefined): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v?.toString() ?? '')]),
  );
}

/**
 * The whole data path on the local stack, isolated for one run: fresh topics and database, the API as a process,
 * and a fleet of worker processes. Used by the integration tests and the replica-safety demo alike.
 */
export class LocalPlatform {
  private constructor(
    readonly options: PlatformOptions,
    readonly kafka: Kafka,
    readonly admin: Admin,
    readonly scenario: Scenario,
    private runningApi: RunningApi,
    readonly fleet: WorkerFleet,
  ) {}

  get api(): RunningApi {
    return this.runningApi;
  }

  private static startApi(options: PlatformOptions, scenario: Scenario): Promise<RunningApi> {
    return startApiProcess({ kafkaBrokers: options.connection.kafkaBrokers, topic: scenario.topic }, options.logDir, {
      extraEnv: { DATABASE_URL: scenario.databaseUrl, ...options.apiEnv },
      ...(options.memoryLimitsMiB ? { memoryLimitMiB: options.memoryLimitsMiB.api } : {}),
    });
  }

  /** Stops the API process (SIGTERM) and starts a new one: what a rolling update or a crash-restart does. */
  async restartApi(): Promise<RunningApi> {
    await this.runningApi.stop();
    this.runningApi = await LocalPlatform.startApi(this.options, this.scenario);
    return this.runningApi;
  }

  static async start(options: PlatformOptions): Promise<LocalPlatform> {
    const kafka = new KafkaClient({
      clientId: `platform-${options.label}`,
      brokers: options.connection.kafkaBrokers,
      logLevel: logLevel.NOTHING,
    });
    const admin = kafka.admin();
    await admin.connect();
    const scenario = await createScenario(
      admin,
      options.connection.databaseUrl,
      options.label,
      options.partitions,
      options.topicsLike === undefined ? undefined : declaredDurability(options.topicsLike),
    );
    const api = await LocalPlatform.startApi(options, scenario);
    const fleet = new WorkerFleet({
      scenario,
      kafkaBrokers: options.connection.kafkaBrokers,
      mode: options.mode,
      logDir: options.logDir,
      env: options.workerEnv ?? {},
      ...(options.memoryLimitsMiB ? { memoryLimitMiB: options.memoryLimitsMiB.worker } : {}),
    });
    return new LocalPlatform(options, kafka, admin, scenario, api, fleet);
  }

  /** Waits until the consumer group has committed everything on the events topic. */
  waitForDrain(timeoutMs = 120_000): Promise<number> {
    return waitForZeroLag(this.admin, this.scenario.consumerGroup, this.scenario.topic, timeoutMs);
  }

  verdict(accepted: readonly LedgerEvent[]): Promise<LedgerVerdict> {
    return checkLedger(this.scenario.databaseUrl, accepted);
  }

  /** Every message on the dead-letter topic, read from the beginning until `expected` are seen or `waitMs` pass. */
  async deadLetters(expected: number, waitMs = 15_000): Promise<DeadLetter[]> {
    const consumer = this.kafka.consumer({ groupId: `${this.scenario.name}.dlq-reader` });
    const found: DeadLetter[] = [];
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: this.scenario.deadLetterTopic, fromBeginning: true });
      await consumer.run({
        eachMessage: async ({ message }) => {
          found.push({
            key: message.key?.toString(),
            value: message.value?.toString(),
            headers: headerText(message.headers),
          });
        },
      });
      const deadline = Date.now() + waitMs;
      while (found.length < expected && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      await consumer.disconnect();
    }
    return found;
  }

  /** How many messages the dead-letter topic holds, from its offsets (exact, and no consumer group to wait for). */
  async deadLetterCount(): Promise<number> {
    const offsets = await retryRead(() => this.admin.fetchTopicOffsets(this.scenario.deadLetterTopic));
    return offsets.reduce((n, p) => n + Number(BigInt(p.high) - BigInt(p.low)), 0);
  }

  /** Produces raw bytes straight to the events topic, bypassing the API (for poison messages). */
  async produceRaw(messages: { key: string; value: string }[]): Promise<void> {
    const producer = this.kafka.producer();
    await producer.connect();
    try {
      await producer.send({ topic: this.scenario.topic, acks: -1, messages });
    } finally {
      await producer.disconnect();
    }
  }

  async stop(): Promise<void> {
    await this.fleet.stopAll();
    await this.runningApi.stop();
    await dropScenario(this.admin, this.options.connection.databaseUrl, this.scenario);
    await this.admin.disconnect();
  }
}
