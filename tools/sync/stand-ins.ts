import type { KubeClient } from '../../services/drills/cluster/kube-client.js';
import { KubeError } from '../../services/drills/cluster/kube-client.js';

/** The message every stand-in leaves behind, so nobody mistakes its status for the real controller's. */
export const STAND_IN_MESSAGE =
  'set by npm run sync:check in place of the add-on controller (its chart is not synced offline)';

/**
 * A chart add-on's controller, as far as Argo CD's health checks see it: the status it writes on the objects it
 * reconciles when all is well. The check writes that status itself, and only when the environment installs the
 * add-on (as a chart Application) but the chart cannot be synced offline; an object whose controller the environment
 * does not install stays as Argo CD judges it, as it would on a real cluster.
 */
export interface StandIn {
  /** The chart whose controller this replaces (the `chart` of the add-on's Application). */
  readonly chart: string;
  readonly group: string;
  readonly kind: string;
  readonly plural: string;
  /** Whether this object is one the controller reconciles (e.g. Ingresses of its class only). */
  readonly applies: (live: LiveObject) => boolean;
  /** Whether the object already carries the status. */
  readonly done: (live: LiveObject) => boolean;
  readonly status: (live: LiveObject) => Record<string, unknown>;
}

export interface LiveObject {
  readonly metadata: { name: string; namespace?: string; annotations?: Record<string, string> };
  readonly spec?: Record<string, unknown>;
  readonly status?: { conditions?: { type: string; status: string }[]; [field: string]: unknown };
}

const readyCondition = (reason: string) => ({
  conditions: [
    { type: 'Ready', status: 'True', reason, message: STAND_IN_MESSAGE, lastTransitionTime: new Date().toISOString() },
  ],
});
const isReady = (live: LiveObject) =>
  live.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True') ?? false;
const always = () => true;

export const STAND_INS: readonly StandIn[] = [
  {
    chart: 'keda',
    group: 'keda.sh',
    kind: 'ScaledObject',
    plural: 'scaledobjects',
    applies: always,
    done: isReady,
    status: () => readyCondition('ScaledObjectReady'),
  },
  {
    chart: 'external-secrets',
    group: 'external-secrets.io',
    kind: 'ExternalSecret',
    plural: 'externalsecrets',
    applies: always,
    done: isReady,
    status: () => readyCondition('SecretSynced'),
  },
  {
    chart: 'external-secrets',
    group: 'external-secrets.io',
    kind: 'SecretStore',
    plural: 'secretstores',
    applies: always,
    done: isReady,
    status: () => readyCondition('Valid'),
  },
  {
    // The AWS Load Balancer Controller reconciles Ingresses of its class and publishes the ALB's host name.
    chart: 'aws-load-balancer-controller',
    group: 'networking.k8s.io',
    kind: 'Ingress',
    plural: 'ingresses',
    applies: (live) =>
      live.spec?.ingressClassName === 'alb' || live.metadata.annotations?.['kubernetes.io/ingress.class'] === 'alb',
    done: (live) => ((live.status?.loadBalancer as { ingress?: unknown[] } | undefined)?.ingress?.length ?? 0) > 0,
    status: (live) => ({
      loadBalancer: {
        ingress: [{ hostname: `${live.metadata.name}.${live.metadata.namespace}.alb.sync-check.invalid` }],
      },
    }),
  },
];

export interface ManagedResource {
  readonly group?: string;
  readonly version: string;
  readonly kind: string;
  readonly namespace?: string;
  readonly name: string;
}

/** The stand-ins that apply in an environment: those whose chart one of its Applications installs. */
export function standInsFor(charts: ReadonlySet<string>): StandIn[] {
  return STAND_INS.filter((s) => charts.has(s.chart));
}

/**
 * Writes each stand-in's status on the managed resources it covers that lack it. Returns `Kind/ns/name (chart)` for
 * each object it wrote, to be listed in the report.
 */
export async function applyStandIns(
  client: KubeClient,
  standIns: StandIn[],
  resources: ManagedResource[],
): Promise<string[]> {
  const written: string[] = [];
  for (const r of resources) {
    const standIn = standIns.find((s) => s.group === (r.group ?? '') && s.kind === r.kind);
    if (!standIn) continue;
    const base = `/apis/${standIn.group}/${r.version}${r.namespace ? `/namespaces/${r.namespace}` : ''}/${standIn.plural}/${r.name}`;
    const live = await client.find<LiveObject>(base);
    if (!live || !standIn.applies(live) || standIn.done(live)) continue;
    try {
      await client.patch(`${base}/status`, { status: standIn.status(live) });
      written.push(`${r.kind}/${r.namespace ? `${r.namespace}/` : ''}${r.name} (${standIn.chart})`);
    } catch (error) {
      // Deleted meanwhile: nothing to stand in for.
      if (!(error instanceof KubeError && error.status === 404)) throw error;
    }
  }
  return written;
}
