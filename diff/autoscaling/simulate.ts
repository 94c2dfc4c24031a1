import type { Autoscaler, CpuAutoscaler, LagAutoscaler } from './autoscalers.js';
import type { WorkloadCapacity } from './capacity.js';
import { SYNC_PERIOD_SECONDS } from './hpa-behavior.js';
import type { Behavior } from './hpa-behavior.js';
import { HpaController, isWithinTolerance, replicasForAverageValue, replicasForRatio } from './hpa-controller.js';
import type { LoadProfile } from './load-profiles.js';
import { peakRate } from './load-profiles.js';

/** The replicas are sampled at every controller sync. */
export const SAMPLE_SECONDS = SYNC_PERIOD_SECONDS;

/** ScaledObject `cooldownPeriod` default: how long KEDA waits, inactive, before scaling to zero. */
const KEDA_COOLDOWN_SECONDS = 300;

export interface Simulation {
  /** Replicas asked for (the Deployment's spec) at 0, 15, 30, ... seconds. */
  readonly replicas: number[];
  readonly peakReplicas: number;
  /** Replicas the peak of the profile needs: at the target utilization, or draining as fast as events arrive. */
  readonly neededReplicas: number;
  /** The most replicas the bounds allow, and the bound that sets it (`partitions` only for a consumer). */
  readonly limit: number;
  readonly limitedBy: 'maxReplicas' | 'partitions';
  /** The limit, when it is below the need. */
  readonly cappedAt: number | undefined;
  /** Seconds until the needed replicas (or the cap) were ready; undefined when not within the profile. */
  readonly readyAfterSeconds: number | undefined;
  /** Consumers: the highest lag, and when it was back under one lagThreshold after its peak. */
  readonly peakLag?: number;
  readonly lagClearedAfterSeconds?: number | undefined;
}

/** Pods by creation time; one is ready (takes load) `readySeconds` after its creation. */
class Pods {
  private readonly created: number[];
  constructor(
    initial: number,
    private readonly readySeconds: number,
  ) {
    this.created = Array.from({ length: initial }, () => -Infinity);
  }
  get count(): number {
    return this.created.length;
  }
  ready(now: number): number {
    return this.created.filter((c) => now - c >= this.readySeconds).length;
  }
  scaleTo(replicas: number, now: number): void {
    while (this.created.length < replicas) this.created.push(now);
    // A scale-down removes the youngest pods first (not yet ready before ready ones).
    this.created.sort((a, b) => a - b);
    this.created.length = Math.min(this.created.length, replicas);
  }
}

const toleranceOf = (behavior: Behavior) => ({ down: behavior.scaleDown.tolerance, up: behavior.scaleUp.tolerance });

function neededAndCap(needed: number, maxReplicas: number, partitions = Infinity) {
  const [limit, limitedBy] =
    partitions < maxReplicas ? [partitions, 'partitions' as const] : [maxReplicas, 'maxReplicas' as const];
  return {
    neededReplicas: needed,
    limit,
    limitedBy,
    cappedAt: needed > limit ? limit : undefined,
    goal: Math.min(needed, limit),
  };
}

function simulateCpu(autoscaler: CpuAutoscaler, capacity: WorkloadCapacity, profile: LoadProfile): Simulation {
  const perCore = capacity.eventsPerSecondPerCore ?? Infinity;
  const targetCores = autoscaler.cpuRequestCores * (autoscaler.targetUtilization / 100);
  const { goal, ...bounds } = neededAndCap(
    Math.ceil(peakRate(profile) / perCore / targetCores),
    autoscaler.hpa.maxReplicas,
  );
  const controller = new HpaController(autoscaler.hpa);
  const pods = new Pods(autoscaler.hpa.minReplicas, capacity.readySeconds);
  const replicas: number[] = [];
  let readyAfterSeconds: number | undefined;
  for (let t = 0; t <= profile.durationSeconds; t += 1) {
    const ready = pods.ready(t);
    if (readyAfterSeconds === undefined && ready >= goal) readyAfterSeconds = t;
    if (t % SYNC_PERIOD_SECONDS !== 0) continue;
    // CPU in use: what the load asks, up to the limits of the ready pods.
    const used = Math.min(profile.rate(t) / perCore, ready * autoscaler.cpuLimitCores);
    const ratio = ready > 0 ? used / (ready * targetCores) : 1;
    const tolerance = toleranceOf(autoscaler.hpa.behavior);
    // Within the tolerance nothing changes; otherwise the ready pods' ratio scales the ready count.
    let fromMetrics = isWithinTolerance(ratio, tolerance) ? pods.count : replicasForRatio(ready, ratio, tolerance);
    // Scaling up, pods not yet ready count as using nothing, which dampens the step; no step if that undoes it.
    const unready = pods.count - ready;
    if (fromMetrics > pods.count && unready > 0) {
      const dampened = used / (pods.count * targetCores);
      fromMetrics = dampened <= 1 + tolerance.up ? pods.count : Math.ceil(dampened * pods.count);
    }
    pods.scaleTo(controller.sync(t, pods.count, fromMetrics), t);
    replicas.push(pods.count);
  }
  return { replicas, peakReplicas: Math.max(...replicas), ...bounds, readyAfterSeconds };
}

function simulateLag(autoscaler: LagAutoscaler, capacity: WorkloadCapacity, profile: LoadProfile): Simulation {
  const perReplica = capacity.eventsPerSecondPerReplica ?? Infinity;
  const partitions = autoscaler.partitions ?? Infinity;
  const consumerCap = autoscaler.allowIdleConsumers ? Infinity : partitions;
  const { goal, ...bounds } = neededAndCap(
    Math.ceil(peakRate(profile) / perReplica),
    autoscaler.hpa.maxReplicas,
    consumerCap,
  );
  const controller = new HpaController(autoscaler.hpa);
  const pods = new Pods(autoscaler.minReplicaCount, capacity.readySeconds);
  const replicas: number[] = [];
  let lag = 0;
  let peakLag = 0;
  let peakAt = 0;
  let lagClearedAfterSeconds: number | undefined;
  let lastActive = 0;
  let readyAfterSeconds: number | undefined;
  for (let t = 0; t <= profile.durationSeconds; t += 1) {
    const ready = pods.ready(t);
    if (readyAfterSeconds === undefined && ready >= goal) readyAfterSeconds = t;
    // A consumer beyond the partition count gets no partition and drains nothing.
    lag = Math.max(0, lag + profile.rate(t) - Math.min(ready, partitions) * perReplica);
    if (lag > peakLag) [peakLag, peakAt, lagClearedAfterSeconds] = [lag, t, undefined];
    if (lagClearedAfterSeconds === undefined && t > peakAt && lag <= autoscaler.lagThreshold)
      lagClearedAfterSeconds = t;
    if (t % SYNC_PERIOD_SECONDS !== 0) continue;
    const active = lag > autoscaler.activationLagThreshold;
    if (active) lastActive = t;
    if (pods.count === 0) {
      // KEDA activates a scaled-to-zero workload with one replica; the HPA takes over from there.
      pods.scaleTo(active ? 1 : 0, t);
    } else if (autoscaler.minReplicaCount === 0 && !active && t - lastActive >= KEDA_COOLDOWN_SECONDS) {
      pods.scaleTo(0, t);
    } else {
      // KEDA reports the lag, capped at partitions × lagThreshold so no consumer would sit idle.
      const reported =
        consumerCap !== Infinity && Math.floor(lag / autoscaler.lagThreshold) > consumerCap
          ? consumerCap * autoscaler.lagThreshold
          : lag;
      const tolerance = toleranceOf(autoscaler.hpa.behavior);
      const fromMetrics = replicasForAverageValue(pods.count, reported, autoscaler.lagThreshold, tolerance);
      pods.scaleTo(controller.sync(t, pods.count, fromMetrics), t);
    }
    replicas.push(pods.count);
  }
  return {
    replicas,
    peakReplicas: Math.max(...replicas),
    ...bounds,
    readyAfterSeconds,
    peakLag: Math.round(peakLag),
    lagClearedAfterSeconds: peakLag > 0 ? lagClearedAfterSeconds : 0,
  };
}

/** What the autoscaler does under a load profile, second by second, deciding at every controller sync. Pure. */
export function simulate(autoscaler: Autoscaler, capacity: WorkloadCapacity, profile: LoadProfile): Simulation {
  return autoscaler.kind === 'cpu'
    ? simulateCpu(autoscaler, capacity, profile)
    : simulateLag(autoscaler, capacity, profile);
}
