import fs from 'node:fs';
import type { Admin } from 'kafkajs';
import type pg from 'pg';
import { balancesOf, effectsOf } from '../chaos/ledger-rows.js';
import type { ChaosTarget, FaultType } from '../chaos/target.js';
import { groupLag } from '../../shared/kafka/group-lag.js';
import { sleep } from '../runner/progress.js';
import type { KubeClient, KubeList, KubeObject } from './kube-client.js';
import type { ChaosClusterSettings } from './settings.js';

interface Pod extends KubeObject {
  readonly status?: {
    readonly phase?: string;
    readonly containerStatuses?: { readonly restartCount: number }[];
  };
}

interface Scale {
  readonly spec: { readonly replicas?: number };
}

/** How long a kill waits for a running worker pod to pick. */
const KILL_WAIT_MS = 60_000;

const restarts = (pod: Pod): number => (pod.status?.containerStatuses ?? []).reduce((n, c) => n + c.restartCount, 0);

/**
 * The chaos drill's target in a cluster: the worker's pods deleted without grace (what a node loss does), and its
 * Deployment's scale moved up and down (the autoscaler takes it back afterwards). Nothing else: the broker and the
 * database are managed services here, and the drill's Role allows exactly these two verbs.
 */
export class PodChaosTarget implements ChaosTarget {
  readonly faultTypes: readonly FaultType[] = ['kill-worker', 'scale-up', 'scale-down'];
  private readonly restartsAtStart = new Map<string, number>();
  private baseline = 0;

  constructor(
    private readonly kube: KubeClient,
    private readonly settings: ChaosClusterSettings,
    private readonly admin: Admin,
    private readonly ledger: pg.Pool,
  ) {}

  get description(): string {
    const s = this.settings;
    return `namespace ${s.namespace}: pods ${s.workerSelector}, scale of deployment ${s.workerDeployment}, API ${s.apiUrl}`;
  }

  get apiUrl(): string {
    return this.settings.apiUrl;
  }

  /** The token mounted from the caller-token Secret (DRILL_API_TOKEN_FILE), read when the load starts. */
  get apiToken(): string | undefined {
    const file = this.settings.apiTokenFile;
    return file ? fs.readFileSync(file, 'utf8').trim() : undefined;
  }

  private get podsPath(): string {
    return `/api/v1/namespaces/${this.settings.namespace}/pods`;
  }

  private get scalePath(): string {
    return `/apis/apps/v1/namespaces/${this.settings.namespace}/deployments/${this.settings.workerDeployment}/scale`;
  }

  private async workerPods(): Promise<Pod[]> {
    const list = await this.kube.get<KubeList<Pod>>(
      `${this.podsPath}?labelSelector=${encodeURIComponent(this.settings.workerSelector)}`,
    );
    return list.items;
  }

  private async replicas(): Promise<number> {
    return (await this.kube.get<Scale>(this.scalePath)).spec.replicas ?? 0;
  }

  /**
   * The worker pods a kill may pick, waiting (bounded) until there is one: right after a kill or a scale-up the
   * replacement may still be starting (seen on a real node: two kills planned at the same moment, the second found
   * none running and failed the drill), and a node loss in production meets the same gap.
   */
  private async runningWorkers(): Promise<Pod[]> {
    const deadline = Date.now() + KILL_WAIT_MS;
    for (;;) {
      const running = (await this.workerPods()).filter((p) => p.status?.phase === 'Running');
      if (running.length > 0 || Date.now() >= deadline) return running;
      await sleep(1000);
    }
  }

  /** Notes the worker's size and each pod's restarts, so the end can tell a crash from a deletion. */
  async begin(): Promise<void> {
    this.baseline = await this.replicas();
    for (const pod of await this.workerPods()) this.restartsAtStart.set(pod.metadata.name, restarts(pod));
  }

  async inject(type: FaultType, random: () => number): Promise<{ type: FaultType; target: string }> {
    if (type === 'kill-worker') {
      const running = await this.runningWorkers();
      const victim = running[Math.floor(random() * running.length)];
      if (!victim)
        throw new Error(`no running pod matches ${this.settings.workerSelector} (waited ${KILL_WAIT_MS / 1000} s)`);
      await this.kube.delete(`${this.podsPath}/${victim.metadata.name}`, { gracePeriodSeconds: 0 });
      return { type, target: `pod ${victim.metadata.name} (deleted, no grace period)` };
    }
    if (type === 'scale-up' || type === 'scale-down') {
      const from = await this.replicas();
      // One step at a time: every step is a rebalance, and the autoscaler clamps anything beyond its bounds anyway.
      const to = type === 'scale-up' ? from + 1 : Math.max(1, from - 1);
      await this.kube.patch(this.scalePath, { spec: { replicas: to } });
      return { type, target: `deployment ${this.settings.workerDeployment} ${from} → ${to} replicas` };
    }
    throw new Error(`${type} is not a fault this drill causes in a cluster`);
  }

  async lag(): Promise<number> {
    const lags = await groupLag(this.admin, this.settings.consumerGroup, this.settings.topic);
    return lags.reduce((sum, p) => sum + p.lag, 0);
  }

  effects(eventIds: readonly string[]) {
    return effectsOf(this.ledger, eventIds);
  }

  balances(accountIds: readonly string[]) {
    return balancesOf(this.ledger, accountIds);
  }

  /** A container that restarted in place crashed: a deleted pod is replaced by a new one, never restarted. */
  async unexpectedExits(): Promise<string[]> {
    return (await this.workerPods())
      .filter((p) => restarts(p) > (this.restartsAtStart.get(p.metadata.name) ?? 0))
      .map((p) => `pod ${p.metadata.name} (${restarts(p)} restarts)`);
  }

  async settle(): Promise<void> {
    if (this.baseline > 0) await this.kube.patch(this.scalePath, { spec: { replicas: this.baseline } });
  }
}
