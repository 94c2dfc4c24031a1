import type { KubeClient, KubeList, KubeObject } from './kube-client.js';

/**
 * What a namespace restore must leave out, because in a scratch copy it would act on production: pods and their
 * controllers' children (the workloads come back scaled to zero instead), autoscalers that would scale them up,
 * ingresses that would claim production's hostname, monitoring objects that would page, and the secrets and
 * external-secret definitions (the restore proves the manifests come back, not the credentials).
 */
export const EXCLUDED_RESOURCES = [
  'pods',
  'replicasets.apps',
  'jobs.batch',
  'endpoints',
  'endpointslices.discovery.k8s.io',
  'events',
  'events.events.k8s.io',
  'ingresses.networking.k8s.io',
  'horizontalpodautoscalers.autoscaling',
  'scaledobjects.keda.sh',
  'scaledjobs.keda.sh',
  'triggerauthentications.keda.sh',
  'servicemonitors.monitoring.coreos.com',
  'podmonitors.monitoring.coreos.com',
  'prometheusrules.monitoring.coreos.com',
  'externalsecrets.external-secrets.io',
  'secretstores.external-secrets.io',
  'secrets',
] as const;

export interface VeleroBackup extends KubeObject {
  readonly status?: {
    readonly phase?: string;
    readonly startTimestamp?: string;
    readonly completionTimestamp?: string;
  };
}

export interface VeleroRestore extends KubeObject {
  readonly status?: { readonly phase?: string; readonly errors?: number; readonly warnings?: number };
}

export const FINISHED_PHASES = new Set(['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation']);

/** The newest completed backup of one of the environment's schedules. */
export function latestBackup(backups: readonly VeleroBackup[], schedules: readonly string[]): VeleroBackup | undefined {
  return backups
    .filter((b) => schedules.includes(b.metadata.labels?.['velero.io/schedule-name'] ?? ''))
    .filter((b) => b.status?.phase === 'Completed' && b.status.completionTimestamp)
    .sort((a, b) => Date.parse(b.status!.completionTimestamp!) - Date.parse(a.status!.completionTimestamp!))[0];
}

/** The Restore the drill asks Velero for: the live namespace into the scratch one, workloads at zero. */
export function restoreObject(options: {
  readonly name: string;
  readonly veleroNamespace: string;
  readonly backup: string;
  readonly namespace: string;
  readonly scratchNamespace: string;
  readonly modifiers: string;
}): Record<string, unknown> {
  return {
    apiVersion: 'velero.io/v1',
    kind: 'Restore',
    metadata: {
      name: options.name,
      namespace: options.veleroNamespace,
      labels: { 'app.kubernetes.io/name': 'restore-drill', 'app.kubernetes.io/part-of': 'event-platform' },
    },
    spec: {
      backupName: options.backup,
      includedNamespaces: [options.namespace],
      namespaceMapping: { [options.namespace]: options.scratchNamespace },
      excludedResources: [...EXCLUDED_RESOURCES],
      // Deployments to zero replicas and CronJobs suspended (generators/components/drills.ts renders the rules).
      resourceModifier: { kind: 'ConfigMap', name: options.modifiers },
      restorePVs: false,
      existingResourcePolicy: 'none',
    },
  };
}

/** The kinds compared between the live namespace and the restored copy, by API path. */
export const COMPARED_KINDS = [
  { kind: 'Deployment', path: 'apis/apps/v1', plural: 'deployments' },
  { kind: 'CronJob', path: 'apis/batch/v1', plural: 'cronjobs' },
  { kind: 'Service', path: 'api/v1', plural: 'services' },
  { kind: 'ServiceAccount', path: 'api/v1', plural: 'serviceaccounts' },
  { kind: 'NetworkPolicy', path: 'apis/networking.k8s.io/v1', plural: 'networkpolicies' },
] as const;

export interface NamespaceObjects {
  readonly names: Map<string, Set<string>>;
  readonly runningPods: number;
  readonly replicas: number;
  readonly activeCronJobs: number;
}

interface Workload extends KubeObject {
  readonly spec?: { readonly replicas?: number; readonly suspend?: boolean };
}

/** The compared objects of a namespace that existed by `before` (all when absent), and what of it runs. */
export async function namespaceObjects(kube: KubeClient, namespace: string, before?: Date): Promise<NamespaceObjects> {
  const names = new Map<string, Set<string>>();
  let replicas = 0;
  let activeCronJobs = 0;
  for (const kind of COMPARED_KINDS) {
    const list = await kube.get<KubeList<Workload>>(`/${kind.path}/namespaces/${namespace}/${kind.plural}`);
    const items = list.items.filter(
      (o) => !before || !o.metadata.creationTimestamp || Date.parse(o.metadata.creationTimestamp) <= before.getTime(),
    );
    names.set(kind.kind, new Set(items.map((o) => o.metadata.name)));
    if (kind.kind === 'Deployment') replicas = items.reduce((n, o) => n + (o.spec?.replicas ?? 1), 0);
    if (kind.kind === 'CronJob') activeCronJobs = items.filter((o) => o.spec?.suspend !== true).length;
  }
  const pods = await kube.get<KubeList<KubeObject>>(`/api/v1/namespaces/${namespace}/pods`);
  return { names, runningPods: pods.items.length, replicas, activeCronJobs };
}

/** Objects of the live namespace that the restored copy lacks, as `Kind/name`. */
export function missingObjects(live: NamespaceObjects, restored: NamespaceObjects): string[] {
  return [...live.names].flatMap(([kind, names]) =>
    [...names].filter((name) => !restored.names.get(kind)?.has(name)).map((name) => `${kind}/${name}`),
  );
}
