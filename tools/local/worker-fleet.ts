import path from 'node:path';
import type { Scenario } from './scenario.js';
import type { ServiceProcess } from './processes.js';
import { startService, waitForHttpOk } from './processes.js';
import { freePort } from './ports.js';

export interface FleetOptions {
  readonly scenario: Scenario;
  readonly kafkaBrokers: string[];
  readonly mode: 'before' | 'after';
  readonly logDir: string;
  /** Extra environment for every replica (timeouts, fault injection). */
  readonly env?: Record<string, string>;
  /** Each replica runs in a memory cgroup of this limit where the machine allows one (a pod's limit). */
  readonly memoryLimitMiB?: number;
}

export interface Replica {
  readonly process: ServiceProcess;
  readonly metricsPort: number;
}

/**
 * Worker replicas as local processes, scaled and killed like a Deployment's pods: scale(n) starts or stops replicas
 * (SIGTERM, graceful) to reach n; kill() sends SIGKILL to one, as an OOM kill or a node loss would.
 */
export class WorkerFleet {
  private readonly replicas: Replica[] = [];
  private started = 0;

  constructor(private readonly options: FleetOptions) {}

  get size(): number {
    return this.replicas.filter((r) => r.process.alive).length;
  }

  get all(): readonly Replica[] {
    return this.replicas;
  }

  async start(extraEnv: Record<string, string> = {}): Promise<Replica> {
    const metricsPort = await freePort();
    this.started += 1;
    const name = `worker-${this.started}`;
    const { scenario } = this.options;
    const process = startService(
      'worker',
      name,
      {
        WORKER_MODE: this.options.mode,
        METRICS_PORT: String(metricsPort),
        KAFKA_BROKERS: this.options.kafkaBrokers.join(','),
        KAFKA_TOPIC: scenario.topic,
        KAFKA_DEAD_LETTER_TOPIC: scenario.deadLetterTopic,
        KAFKA_CONSUMER_GROUP: scenario.consumerGroup,
        DATABASE_URL: scenario.databaseUrl,
        ...this.options.env,
        ...extraEnv,
      },
      path.join(this.options.logDir, `${name}.log`),
      this.options.memoryLimitMiB,
    );
    const replica = { process, metricsPort };
    this.replicas.push(replica);
    return replica;
  }

  /** Starts a replica and waits until it has joined the group (its /readyz answers 200). */
  async startReady(extraEnv: Record<string, string> = {}, timeoutMs = 60_000): Promise<Replica> {
    const replica = await this.start(extraEnv);
    await waitForHttpOk(`http://127.0.0.1:${replica.metricsPort}/readyz`, timeoutMs, replica.process);
    return replica;
  }

  async scale(count: number): Promise<void> {
    while (this.size < count) await this.start();
    const surplus = this.replicas.filter((r) => r.process.alive).slice(count);
    for (const replica of surplus) replica.process.kill('SIGTERM');
    await Promise.all(surplus.map((r) => r.process.exited));
  }

  /** SIGKILLs one live replica (the oldest by default) and returns it; nothing of it runs afterwards. */
  async kill(index = 0): Promise<Replica | undefined> {
    const replica = this.replicas.filter((r) => r.process.alive)[index];
    if (!replica) return undefined;
    replica.process.kill('SIGKILL');
    await replica.process.exited;
    return replica;
  }

  /** Names of replicas that ended without being stopped or killed: a crash the worker should have ridden through. */
  unexpectedExits(): string[] {
    return this.replicas.filter((r) => r.process.endedOnItsOwn).map((r) => r.process.name);
  }

  async stopAll(): Promise<void> {
    await this.scale(0);
  }
}
