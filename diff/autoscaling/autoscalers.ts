import { behaviorOf } from './hpa-behavior.js';
import type { HpaSpec } from './hpa-controller.js';

// What drives each autoscaled workload, read from the rendered objects of one side: the HPA (or the HPA that KEDA
// creates from a ScaledObject), the target's CPU resources, and the partitions of the topic it consumes.

interface Common {
  /** The scaled Deployment's name, which is also its key in loadtests/capacity.json. */
  readonly workload: string;
  /** The object that configures the scaling, e.g. `ScaledObject/events-prod/worker`. */
  readonly source: string;
  readonly hpa: HpaSpec;
}

/** An HPA on average CPU utilization (percent of the request). */
export interface CpuAutoscaler extends Common {
  readonly kind: 'cpu';
  readonly targetUtilization: number;
  readonly cpuRequestCores: number;
  readonly cpuLimitCores: number;
}

/** A KEDA ScaledObject on Kafka consumer lag. */
export interface LagAutoscaler extends Common {
  readonly kind: 'kafka-lag';
  /** KEDA's own floor (0 allows scaling to zero, below the HPA's minimum of 1). */
  readonly minReplicaCount: number;
  readonly lagThreshold: number;
  readonly activationLagThreshold: number;
  /** The topic's partitions: KEDA caps the lag it reports at partitions × lagThreshold (unless idle consumers are allowed). */
  readonly partitions: number | undefined;
  readonly allowIdleConsumers: boolean;
}

export type Autoscaler = CpuAutoscaler | LagAutoscaler;

/** A rendered object, as untyped data. */
export type Manifest = { kind: string; metadata: { name: string; namespace?: string }; spec?: any };

/** `250m` → 0.25, `2` → 2. */
export function cpuCores(quantity: string | number | undefined): number {
  const text = String(quantity ?? '0');
  return text.endsWith('m') ? Number(text.slice(0, -1)) / 1000 : Number(text);
}

function deploymentCpu(objects: readonly Manifest[], namespace: string | undefined, name: string) {
  const deployment = objects.find(
    (o) => o.kind === 'Deployment' && o.metadata.name === name && o.metadata.namespace === namespace,
  );
  const containers: { resources?: { requests?: { cpu?: string }; limits?: { cpu?: string } } }[] =
    deployment?.spec?.template?.spec?.containers ?? [];
  const sum = (pick: (c: (typeof containers)[number]) => string | undefined) =>
    containers.reduce((total, c) => total + cpuCores(pick(c)), 0);
  return { request: sum((c) => c.resources?.requests?.cpu), limit: sum((c) => c.resources?.limits?.cpu) };
}

const idOf = (o: Manifest) => `${o.kind}/${o.metadata.namespace ? `${o.metadata.namespace}/` : ''}${o.metadata.name}`;

function cpuAutoscaler(hpa: Manifest, objects: readonly Manifest[]): CpuAutoscaler | undefined {
  const metric = (hpa.spec?.metrics ?? []).find(
    (m: any) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization',
  );
  const workload: string | undefined = hpa.spec?.scaleTargetRef?.name;
  if (!metric || !workload) return undefined;
  const cpu = deploymentCpu(objects, hpa.metadata.namespace, workload);
  return {
    kind: 'cpu',
    workload,
    source: idOf(hpa),
    hpa: {
      minReplicas: hpa.spec.minReplicas ?? 1,
      maxReplicas: hpa.spec.maxReplicas,
      behavior: behaviorOf(hpa.spec.behavior),
    },
    targetUtilization: Number(metric.resource.target.averageUtilization),
    cpuRequestCores: cpu.request,
    cpuLimitCores: cpu.limit,
  };
}

function lagAutoscaler(
  scaled: Manifest,
  partitionsOf: (topic: string) => number | undefined,
): LagAutoscaler | undefined {
  const trigger = (scaled.spec?.triggers ?? []).find((t: any) => t.type === 'kafka');
  const workload: string | undefined = scaled.spec?.scaleTargetRef?.name;
  if (!trigger || !workload) return undefined;
  const metadata = trigger.metadata ?? {};
  const minReplicaCount = Number(scaled.spec.minReplicaCount ?? 0);
  return {
    kind: 'kafka-lag',
    workload,
    source: idOf(scaled),
    // KEDA's defaults: maxReplicaCount 100; the HPA it creates never goes below one replica.
    hpa: {
      minReplicas: Math.max(1, minReplicaCount),
      maxReplicas: Number(scaled.spec.maxReplicaCount ?? 100),
      behavior: behaviorOf(scaled.spec.advanced?.horizontalPodAutoscalerConfig?.behavior),
    },
    minReplicaCount,
    lagThreshold: Number(metadata.lagThreshold ?? 10),
    activationLagThreshold: Number(metadata.activationLagThreshold ?? 0),
    partitions: typeof metadata.topic === 'string' ? partitionsOf(metadata.topic) : undefined,
    allowIdleConsumers: String(metadata.allowIdleConsumers ?? 'false') === 'true',
  };
}

/** Every autoscaler of a side's rendered objects, by workload. */
export function autoscalersOf(
  objects: readonly Manifest[],
  partitionsOf: (topic: string) => number | undefined,
): Map<string, Autoscaler> {
  const found = new Map<string, Autoscaler>();
  for (const object of objects) {
    const autoscaler =
      object.kind === 'HorizontalPodAutoscaler'
        ? cpuAutoscaler(object, objects)
        : object.kind === 'ScaledObject'
          ? lagAutoscaler(object, partitionsOf)
          : undefined;
    if (autoscaler) found.set(`${object.metadata.namespace ?? ''}/${autoscaler.workload}`, autoscaler);
  }
  return found;
}
