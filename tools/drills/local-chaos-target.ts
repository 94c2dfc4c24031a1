import pg from 'pg';
import type { ChaosTarget, FaultType } from '../../services/drills/chaos/target.js';
import { FAULT_TYPES } from '../../services/drills/chaos/target.js';
import { balancesOf, effectsOf } from '../../services/drills/chaos/ledger-rows.js';
import { consumerLag } from '../local/lag.js';
import { LocalPlatform } from '../local/platform.js';
import { killAndRestartBroker, killBroker, restartPostgres, startBrokers } from '../stack/faults.js';
import { busiestLeader, waitForElection } from '../stack/leaders.js';
import type { ConnectionSettings, StackSettings } from '../stack/settings.js';

export interface LocalChaosOptions {
  readonly connection: ConnectionSettings;
  readonly stack: StackSettings;
  readonly workerMode: 'before' | 'after';
  /** Replicas the worker runs with between faults; scale faults move away from it and back. */
  readonly replicas: number;
  readonly partitions: number;
  readonly logDir: string;
  /** The faults to cause; by default every one the stack's Kafka allows (a leader kill needs three brokers). */
  readonly faultTypes?: readonly FaultType[];
}

/** The faults a stack of `brokers` brokers can cause: a lone broker is restarted, a cluster loses its leader. */
export function localFaultTypes(brokers: number): FaultType[] {
  return FAULT_TYPES.filter((t) => t !== (brokers === 1 ? 'kill-leader' : 'restart-broker'));
}

/**
 * The chaos drill's target on the local stack: a platform of its own (topics, database, the API as a process) and
 * worker processes the drill starts in the given mode, killed with SIGKILL and rescaled like a Deployment's pods; the
 * broker and PostgreSQL are the stack's own, restarted for real.
 */
export class LocalChaosTarget implements ChaosTarget {
  readonly faultTypes: readonly FaultType[];

  private constructor(
    private readonly platform: LocalPlatform,
    private readonly options: LocalChaosOptions,
  ) {
    this.faultTypes = options.faultTypes ?? localFaultTypes(options.stack.kafkaBrokers);
  }

  static async start(options: LocalChaosOptions): Promise<LocalChaosTarget> {
    const platform = await LocalPlatform.start({
      connection: options.connection,
      label: `chaos-${options.workerMode}`,
      partitions: options.partitions,
      mode: options.workerMode,
      logDir: options.logDir,
      // On three brokers the topics carry prod's replication, so a leader kill is met as in prod.
      ...(options.stack.kafkaBrokers > 1 && { topicsLike: 'prod' }),
    });
    try {
      await Promise.all(Array.from({ length: options.replicas }, () => platform.fleet.startReady()));
    } catch (error) {
      await platform.stop();
      throw error;
    }
    return new LocalChaosTarget(platform, options);
  }

  get description(): string {
    const { scenario } = this.platform;
    return `local stack: topic ${scenario.topic} (${scenario.partitions} partitions), database ${scenario.database}, ${this.options.replicas} ${this.options.workerMode}-mode worker processes, logs in ${this.options.logDir}`;
  }

  get apiUrl(): string {
    return this.platform.api.url;
  }

  async inject(type: FaultType, random: () => number): Promise<{ type: FaultType; target: string }> {
    const { fleet } = this.platform;
    switch (type) {
      case 'kill-worker': {
        const victim = await fleet.kill(Math.floor(random() * fleet.size));
        // A Deployment replaces a killed pod; so does the fleet, without waiting for the newcomer to be ready.
        const replacement = await fleet.start();
        return {
          type,
          target: `${victim?.process.name ?? 'none alive'} (SIGKILL; replaced by ${replacement.process.name})`,
        };
      }
      case 'scale-up': {
        const from = fleet.size;
        const to = from + 1 + Math.floor(random() * 2);
        await fleet.scale(to);
        return { type, target: `worker ${from} → ${to} replicas` };
      }
      case 'scale-down': {
        const from = fleet.size;
        const to = Math.max(1, Math.min(from - 1, this.options.replicas - 1));
        await fleet.scale(to);
        return { type, target: `worker ${from} → ${to} replicas (SIGTERM)` };
      }
      case 'restart-broker':
        await killAndRestartBroker(this.options.stack);
        return { type, target: 'broker (SIGKILL, restarted on the same data)' };
      case 'kill-leader': {
        const { admin, scenario } = this.platform;
        const leader = await busiestLeader(admin, scenario.topic);
        await killBroker(this.options.stack, leader);
        await waitForElection(admin, scenario.topic, leader, 60_000);
        await startBrokers(this.options.stack);
        return { type, target: `broker ${leader}, leader of most partitions (SIGKILL; restarted after the election)` };
      }
      case 'restart-database':
        await restartPostgres(this.options.stack);
        return { type, target: 'postgres (fast shutdown: sessions terminated, then started)' };
    }
  }

  lag(): Promise<number> {
    const { scenario } = this.platform;
    return consumerLag(this.platform.admin, scenario.consumerGroup, scenario.topic);
  }

  effects(eventIds: readonly string[]) {
    return this.withLedger((db) => effectsOf(db, eventIds));
  }

  balances(accountIds: readonly string[]) {
    return this.withLedger((db) => balancesOf(db, accountIds));
  }

  async unexpectedExits(): Promise<string[]> {
    return this.platform.fleet.unexpectedExits();
  }

  async settle(): Promise<void> {
    await this.platform.fleet.scale(this.options.replicas);
  }

  stop(): Promise<void> {
    return this.platform.stop();
  }

  private async withLedger<T>(read: (db: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.platform.scenario.databaseUrl });
    await client.connect();
    try {
      return await read(client);
    } finally {
      await client.end();
    }
  }
}
