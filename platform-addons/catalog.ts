import type { AddonName } from '../config/addons.js';
import type { EnvConfig } from '../config/schema.js';
import { IRSA_ANNOTATION, iamRoleArn } from '../config/aws.js';
import {
  ALERTMANAGER_RECEIVERS_SECRET,
  EKS_UNREACHABLE_COMPONENTS,
  EKS_UNSATISFIABLE_RULE_GROUPS,
  alertmanagerConfig,
} from './alertmanager.js';
import { VELERO_AWS_PLUGIN_VERSION, VELERO_VERSION } from './velero.js';

export const GRAFANA_ADMIN_SECRET = 'grafana-admin';

/**
 * The cluster add-ons, as data: adding one is a new entry here, not new code. Chart versions are pinned; env.yaml's
 * `addons.<name>` may disable an add-on, override its version (to try an upgrade in dev first) or merge values.
 */
export interface AddonDefinition {
  /** One of config/addons.ts's names: the ones env.yaml may configure. */
  readonly name: AddonName;
  readonly namespace: string;
  readonly repoURL: string;
  readonly chart: string;
  readonly version: string;
  /**
   * Where the CRDs this chart installs are defined: the upstream Go module at the release the chart ships, and the
   * folder of CRD manifests in it. `npm run validate` checks rendered objects against exactly these.
   */
  readonly crds?: CrdSource;
  /** Argo CD sync wave: add-ons that bring CRDs go first, so the apps that use those CRDs can sync. */
  readonly syncWave: number;
  /** Large CRDs exceed the client-side apply annotation limit; server-side apply has none. */
  readonly serverSideApply: boolean;
  /** The add-on's service account that assumes an AWS role (IRSA), if any. */
  readonly awsServiceAccount?: string;
  readonly values: (config: EnvConfig, roleArn: string | undefined) => Record<string, unknown>;
}

export interface CrdSource {
  readonly module: string;
  readonly version: string;
  readonly dir: string;
}

const irsa = (roleArn: string | undefined) => (roleArn ? { annotations: { [IRSA_ANNOTATION]: roleArn } } : {});

export const ADDONS: readonly AddonDefinition[] = [
  {
    name: 'keda',
    namespace: 'keda',
    repoURL: 'https://kedacore.github.io/charts',
    chart: 'keda',
    version: '2.20.2',
    crds: { module: 'github.com/kedacore/keda/v2', version: 'v2.20.2', dir: 'config/crd/bases' },
    syncWave: -2,
    serverSideApply: true,
    // KEDA reads the worker's consumer lag from MSK with IAM, as its operator (identityOwner: keda) with a read-only role
    // of its own; the worker's role can write, more than the scaler needs (generators/components/worker.ts).
    awsServiceAccount: 'keda-operator',
    values: (config, roleArn) => ({
      resources: { operator: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '512Mi' } } },
      podIdentity: { aws: { irsa: { enabled: roleArn !== undefined, roleArn: roleArn ?? '' } } },
      prometheus: {
        // Prometheus selects ServiceMonitors by these labels; without them KEDA's own metrics are never scraped.
        operator: {
          enabled: true,
          serviceMonitor: { enabled: true, additionalLabels: config.observability.prometheusSelectorLabels },
        },
      },
    }),
  },
  {
    name: 'velero',
    namespace: 'velero',
    repoURL: 'https://vmware-tanzu.github.io/helm-charts',
    chart: 'velero',
    // Chart 12 runs its CRD-upgrade Job with registry.k8s.io/kubectl; earlier charts pulled the withdrawn bitnami image.
    version: '12.1.0',
    crds: { module: 'github.com/vmware-tanzu/velero', version: VELERO_VERSION, dir: 'config/crd/v1/bases' },
    syncWave: -2,
    serverSideApply: true,
    awsServiceAccount: 'velero',
    values: (config, roleArn) => ({
      // The BackupStorageLocation and Schedules are rendered by the generators from env.yaml, not by the chart.
      configuration: { backupStorageLocation: [], volumeSnapshotLocation: [] },
      credentials: { useSecret: false },
      serviceAccount: { server: { name: 'velero', ...irsa(roleArn) } },
      initContainers: [
        {
          name: 'velero-plugin-for-aws',
          image: `velero/velero-plugin-for-aws:${VELERO_AWS_PLUGIN_VERSION}`,
          volumeMounts: [{ mountPath: '/target', name: 'plugins' }],
        },
      ],
      metrics: { serviceMonitor: { enabled: true, additionalLabels: config.observability.prometheusSelectorLabels } },
      // The CRD-upgrade Job's kubectl matches the cluster's minor (the chart would otherwise ask the API server).
      kubectl: { image: { repository: 'registry.k8s.io/kubectl', tag: `v${config.kubernetesVersion}` } },
    }),
  },
  {
    name: 'kube-prometheus-stack',
    namespace: 'monitoring',
    repoURL: 'https://prometheus-community.github.io/helm-charts',
    chart: 'kube-prometheus-stack',
    version: '88.5.3',
    crds: {
      module: 'github.com/prometheus-operator/prometheus-operator',
      version: 'v0.93.1',
      dir: 'example/prometheus-operator-crd',
    },
    syncWave: -2,
    serverSideApply: true,
    values: (config) => ({
      prometheus: {
        prometheusSpec: {
          ruleSelector: { matchLabels: config.observability.prometheusSelectorLabels },
          serviceMonitorSelector: { matchLabels: config.observability.prometheusSelectorLabels },
          retention: '7d',
        },
      },
      alertmanager: {
        config: alertmanagerConfig(),
        alertmanagerSpec: { secrets: [ALERTMANAGER_RECEIVERS_SECRET] },
      },
      defaultRules: { rules: Object.fromEntries(EKS_UNSATISFIABLE_RULE_GROUPS.map((group) => [group, false])) },
      ...Object.fromEntries(EKS_UNREACHABLE_COMPONENTS.map((component) => [component, { enabled: false }])),
      grafana: {
        // The admin login comes from a Secret synced from AWS Secrets Manager, not the chart's default password.
        admin: { existingSecret: GRAFANA_ADMIN_SECRET, userKey: 'admin-user', passwordKey: 'admin-password' },
        sidecar: { dashboards: { enabled: true, label: 'grafana_dashboard', searchNamespace: 'ALL' } },
      },
    }),
  },
  {
    name: 'aws-load-balancer-controller',
    namespace: 'kube-system',
    repoURL: 'https://aws.github.io/eks-charts',
    chart: 'aws-load-balancer-controller',
    version: '3.5.0',
    syncWave: -2,
    serverSideApply: false,
    awsServiceAccount: 'aws-load-balancer-controller',
    values: (config, roleArn) => ({
      clusterName: config.aws.clusterName,
      region: config.aws.region,
      serviceAccount: { name: 'aws-load-balancer-controller', ...irsa(roleArn) },
    }),
  },
  {
    name: 'metrics-server',
    namespace: 'kube-system',
    repoURL: 'https://kubernetes-sigs.github.io/metrics-server/',
    chart: 'metrics-server',
    version: '3.13.1',
    syncWave: -1,
    serverSideApply: false,
    values: () => ({ replicas: 2, podDisruptionBudget: { enabled: true, maxUnavailable: 1 } }),
  },
  {
    name: 'external-secrets',
    namespace: 'external-secrets',
    repoURL: 'https://charts.external-secrets.io',
    chart: 'external-secrets',
    version: '1.3.2',
    crds: { module: 'github.com/external-secrets/external-secrets', version: 'v1.3.2', dir: 'config/crds/bases' },
    // Before everything that reads a synced Secret: the prerequisites Application (-3) and the charts (-2).
    syncWave: -4,
    serverSideApply: true,
    awsServiceAccount: 'external-secrets',
    values: (_config, roleArn) => ({
      installCRDs: true,
      serviceAccount: { name: 'external-secrets', ...irsa(roleArn) },
    }),
  },
  {
    // Rolls a Deployment when a Secret it reads changes: a rotated database password reaches running pods.
    name: 'reloader',
    namespace: 'reloader',
    repoURL: 'https://stakater.github.io/stakater-charts',
    chart: 'reloader',
    version: '2.2.16',
    syncWave: -1,
    serverSideApply: false,
    values: () => ({
      // Only Deployments that name their Secrets in an annotation are rolled (secret.reloader.stakater.com/reload).
      reloader: { autoReloadAll: false, readOnlyRootFileSystem: true, reloadOnCreate: false },
    }),
  },
];

export function addonNamespace(name: string): string {
  const addon = ADDONS.find((a) => a.name === name);
  if (!addon) throw new Error(`no add-on named ${name}`);
  return addon.namespace;
}

export interface ResolvedAddon extends AddonDefinition {
  readonly resolvedValues: Record<string, unknown>;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Deep merge where the override wins; lists are replaced, not concatenated (as Helm does with values files). */
export function mergeValues(base: Record<string, unknown>, override: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(override)) {
    const current = merged[key];
    merged[key] = isPlainObject(current) && isPlainObject(value) ? mergeValues(current, value) : value;
  }
  return merged;
}

/** The add-ons enabled in an environment, with its overrides applied. Unknown add-on names in env.yaml are errors. */
export function resolveAddons(config: EnvConfig): ResolvedAddon[] {
  const unknown = Object.keys(config.addons).filter((name) => !ADDONS.some((a) => a.name === name));
  if (unknown.length > 0) throw new Error(`env.yaml addons names unknown add-on(s): ${unknown.join(', ')}`);
  return ADDONS.filter((addon) => config.addons[addon.name]?.enabled !== false).map((addon) => {
    const override = config.addons[addon.name];
    const roleArn = addon.awsServiceAccount ? iamRoleArn(config, addon.awsServiceAccount) : undefined;
    return {
      ...addon,
      version: override?.version ?? addon.version,
      resolvedValues: mergeValues(addon.values(config, roleArn), override?.values ?? {}),
    };
  });
}
