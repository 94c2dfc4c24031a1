import type { Behavior, ScalingRules } from './hpa-behavior.js';

// The decision the HorizontalPodAutoscaler controller takes at each sync, as Kubernetes documents it (kubernetes.io,
// "Horizontal Pod Autoscaling": Algorithm details, Scaling policies, Stabilization window, Tolerance) and as
// kube-controller-manager implements it (pkg/controller/podautoscaler): a recommendation from each metric, the
// stabilization window over past recommendations, then the rate limits of the policies, then min and max.

/** The tolerance below and above 1.0 (one number for both, or a scale-down and a scale-up tolerance). */
export type Tolerance = number | { readonly down: number; readonly up: number };

/**
 * Whether a metric ratio is close enough to 1.0 to leave the replicas alone. Written as the controller writes it
 * (1 − down ≤ ratio ≤ 1 + up), not as |1 − ratio| ≤ tolerance, whose rounding would scale at exactly 105% of the
 * target with a 5% tolerance.
 */
export function isWithinTolerance(ratio: number, tolerance: Tolerance): boolean {
  const { down, up } = typeof tolerance === 'number' ? { down: tolerance, up: tolerance } : tolerance;
  return 1 - down <= ratio && ratio <= 1 + up;
}

/**
 * desiredReplicas = ceil(currentReplicas × currentMetricValue / desiredMetricValue), unless the ratio is within the
 * tolerance of 1.0, when nothing changes. For a utilization or per-pod average target.
 */
export function replicasForRatio(current: number, ratio: number, tolerance: Tolerance): number {
  if (isWithinTolerance(ratio, tolerance)) return current;
  return Math.ceil(ratio * current);
}

/**
 * An external metric with an AverageValue target (how KEDA feeds the HPA): the total divided by the target per
 * replica, unless the total per current replica is within the tolerance of the target.
 */
export function replicasForAverageValue(
  current: number,
  total: number,
  targetPerReplica: number,
  tolerance: Tolerance,
) {
  const ratio = total / (targetPerReplica * current);
  if (isWithinTolerance(ratio, tolerance)) return current;
  return Math.ceil(total / targetPerReplica);
}

interface ScaleEvent {
  readonly at: number;
  readonly change: number;
}

interface Recommendation {
  readonly at: number;
  readonly replicas: number;
}

export interface HpaSpec {
  readonly minReplicas: number;
  readonly maxReplicas: number;
  readonly behavior: Behavior;
}

/** Replicas added (or removed) by the events within the last `periodSeconds`. */
function changeWithin(events: readonly ScaleEvent[], now: number, periodSeconds: number): number {
  return events.filter((e) => e.at > now - periodSeconds).reduce((sum, e) => sum + e.change, 0);
}

/** The replica count a policy's period started from: today's count without the changes made within the period. */
function countAtPeriodStart(
  current: number,
  ups: readonly ScaleEvent[],
  downs: readonly ScaleEvent[],
  periodSeconds: number,
  now: number,
): number {
  return current - changeWithin(ups, now, periodSeconds) + changeWithin(downs, now, periodSeconds);
}

/** The most replicas the scale-up policies allow now, given what was added and removed within their periods. */
export function scaleUpLimit(
  current: number,
  ups: readonly ScaleEvent[],
  downs: readonly ScaleEvent[],
  rules: ScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const proposals = rules.policies.map((policy) => {
    const start = countAtPeriodStart(current, ups, downs, policy.periodSeconds, now);
    // Rounded up, or a small percentage of few replicas would never add one.
    return policy.type === 'Pods' ? start + policy.value : Math.ceil(start * (1 + policy.value / 100));
  });
  return rules.selectPolicy === 'Min' ? Math.min(...proposals) : Math.max(...proposals);
}

/** The fewest replicas the scale-down policies allow now. */
export function scaleDownLimit(
  current: number,
  ups: readonly ScaleEvent[],
  downs: readonly ScaleEvent[],
  rules: ScalingRules,
  now: number,
): number {
  if (rules.selectPolicy === 'Disabled') return current;
  const proposals = rules.policies.map((policy) => {
    const start = countAtPeriodStart(current, ups, downs, policy.periodSeconds, now);
    return policy.type === 'Pods' ? start - policy.value : Math.trunc(start * (1 - policy.value / 100));
  });
  // The largest change is the lowest count; Min picks the smallest change.
  return rules.selectPolicy === 'Min' ? Math.max(...proposals) : Math.min(...proposals);
}

/** One HPA's memory across syncs: its recent recommendations and scale events. */
export class HpaController {
  private readonly recommendations: Recommendation[] = [];
  private readonly ups: ScaleEvent[] = [];
  private readonly downs: ScaleEvent[] = [];

  constructor(private readonly spec: HpaSpec) {}

  /**
   * One sync at time `now` (seconds): from the replicas the metrics ask for, the replicas the controller sets.
   * Stabilization keeps, for scaling up, the lowest and, for scaling down, the highest recommendation of its window.
   */
  sync(now: number, current: number, fromMetrics: number): number {
    const { minReplicas, maxReplicas, behavior } = this.spec;
    if (current > maxReplicas) return this.record(now, current, maxReplicas);
    if (current < minReplicas) return this.record(now, current, minReplicas);
    let upRecommendation = fromMetrics;
    let downRecommendation = fromMetrics;
    for (const r of this.recommendations) {
      if (r.at > now - behavior.scaleUp.stabilizationWindowSeconds)
        upRecommendation = Math.min(upRecommendation, r.replicas);
      if (r.at > now - behavior.scaleDown.stabilizationWindowSeconds)
        downRecommendation = Math.max(downRecommendation, r.replicas);
    }
    this.recommendations.push({ at: now, replicas: fromMetrics });
    const longest = Math.max(
      behavior.scaleUp.stabilizationWindowSeconds,
      behavior.scaleDown.stabilizationWindowSeconds,
    );
    while (this.recommendations.length > 0 && this.recommendations[0]!.at <= now - longest)
      this.recommendations.shift();
    const stabilized = Math.min(Math.max(current, upRecommendation), downRecommendation);
    let desired = stabilized;
    if (stabilized > current) {
      const limit = Math.max(scaleUpLimit(current, this.ups, this.downs, behavior.scaleUp, now), current);
      desired = Math.min(stabilized, maxReplicas, limit);
    } else if (stabilized < current) {
      const limit = Math.min(scaleDownLimit(current, this.ups, this.downs, behavior.scaleDown, now), current);
      desired = Math.max(stabilized, minReplicas, limit);
    }
    return this.record(now, current, desired);
  }

  private record(now: number, current: number, desired: number): number {
    if (desired > current) this.ups.push({ at: now, change: desired - current });
    if (desired < current) this.downs.push({ at: now, change: current - desired });
    return desired;
  }
}
