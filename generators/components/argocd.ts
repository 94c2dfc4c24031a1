import type { Construct } from 'constructs';
import type { ResolvedAddon } from '../../platform-addons/catalog.js';
import { addonNamespace, resolveAddons } from '../../platform-addons/catalog.js';
import type { GroupKind } from '../../platform-addons/chart-kinds.js';
import { CHART_KINDS } from '../../platform-addons/chart-kinds.js';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from '../render/api-objects.js';
import { platformLabels } from '../render/labels.js';
import { argocdDir, manifestsDir } from '../../config/paths.js';

const SYNC_WAVE = 'argocd.argoproj.io/sync-wave';
// Deleting an Application deletes what it deployed, deliberately, instead of orphaning it (in the foreground). The
// path-qualified name means the same to Argo CD; the bare name draws a warning from the API server on every apply.
const CASCADE_FINALIZER = 'resources-finalizer.argocd.argoproj.io/foreground';
// No ServerSideDiff compare option: with it, Argo CD v3.5.7 reported an Application Synced at the new revision while
// the API server had refused the change (an immutable Job template) in the diff's dry run (`npm run sync:check`).
// What it was for, fields a CRD defaults, is rendered explicitly instead (secrets.ts).

function projectName(config: EnvConfig): string {
  return config.namespace;
}

function syncPolicy(config: EnvConfig, options: string[]): Record<string, unknown> {
  const { automatedSync } = config.gitops;
  return {
    ...(automatedSync.enabled ? { automated: { prune: automatedSync.prune, selfHeal: automatedSync.selfHeal } } : {}),
    syncOptions: options,
    retry: { limit: 5, backoff: { duration: '10s', factor: 2, maxDuration: '3m' } },
  };
}

function application(
  scope: Construct,
  config: EnvConfig,
  name: string,
  wave: number,
  spec: Record<string, unknown>,
): void {
  apiObject(scope, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    name,
    namespace: config.gitops.argocdNamespace,
    labels: { ...platformLabels(), 'platform.example.com/environment': config.name },
    annotations: { [SYNC_WAVE]: String(wave) },
    body: { metadata: { finalizers: [CASCADE_FINALIZER] }, spec: { project: projectName(config), ...spec } },
  });
}

/** Sorted and without duplicates, so the whitelist reads the same on every render. */
function uniqueKinds(kinds: readonly GroupKind[]): GroupKind[] {
  const byKey = new Map(kinds.map((k) => [`${k.group}/${k.kind}`, { group: k.group, kind: k.kind }]));
  return [...byKey.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, kind]) => kind);
}

/**
 * The cluster-scoped kinds the environment deploys: those of its rendered manifests and those each enabled add-on's
 * chart deploys (platform-addons/chart-kinds.ts). Nothing else is permitted.
 */
function clusterKinds(addons: readonly ResolvedAddon[], renderedClusterKinds: readonly GroupKind[]): GroupKind[] {
  return uniqueKinds([...renderedClusterKinds, ...addons.flatMap((a) => CHART_KINDS[a.name]?.cluster ?? [])]);
}

/**
 * The project confines everything of the environment: its git repository and chart repositories, its namespaces on
 * its cluster, and exactly the cluster-scoped kinds its Applications deploy.
 */
function renderProject(
  scope: Construct,
  config: EnvConfig,
  addons: ResolvedAddon[],
  renderedClusterKinds: readonly GroupKind[],
): void {
  const namespaces = [
    config.namespace,
    config.gitops.argocdNamespace,
    config.drills.restore.scratchNamespace,
    addonNamespace('velero'),
    ...addons.map((a) => a.namespace),
  ];
  apiObject(scope, {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'AppProject',
    name: projectName(config),
    namespace: config.gitops.argocdNamespace,
    labels: platformLabels(),
    annotations: { [SYNC_WAVE]: '-10' },
    body: {
      spec: {
        description: `The event platform in ${config.name}`,
        sourceRepos: [...new Set([config.gitops.repoURL, ...addons.map((a) => a.repoURL)])].sort(),
        destinations: [...new Set(namespaces)]
          .sort()
          .map((namespace) => ({ server: config.gitops.destinationServer, namespace })),
        clusterResourceWhitelist: clusterKinds(addons, renderedClusterKinds),
        // Quotas and limits are the cluster operators' to set on a namespace, not an application's.
        namespaceResourceBlacklist: [
          { group: '', kind: 'ResourceQuota' },
          { group: '', kind: 'LimitRange' },
        ],
        orphanedResources: { warn: true },
      },
    },
  });
}

/** The kinds the prerequisites Application syncs, as the file-name prefixes of the render (manifest-files.ts). */
const PREREQUISITE_KINDS: readonly GroupKind[] = [
  { group: '', kind: 'Namespace' },
  { group: '', kind: 'ServiceAccount' },
  { group: 'networking.k8s.io', kind: 'NetworkPolicy' },
  { group: 'external-secrets.io', kind: 'SecretStore' },
  { group: 'external-secrets.io', kind: 'ExternalSecret' },
];

// After external-secrets (-4, its CRDs and webhook), before the charts (-2) whose pods mount the Secrets synced here.
const PREREQUISITES_WAVE = -3;

/** An Argo CD directory glob (`*` crosses folders) matching exactly the prerequisites' files. */
export const PREREQUISITES = `{${PREREQUISITE_KINDS.map(
  (k) => `*/${k.kind.toLowerCase()}${k.group ? `.${k.group}` : ''}_*.yaml`,
).join(',')}}`;

/**
 * A folder of this repository, at the environment's tracked revision. A non-recursive folder carries no `directory`:
 * Argo CD drops an all-default `directory` from the Application it stores, so rendering `recurse: false` would leave the
 * root Application forever OutOfSync with itself.
 */
function gitSource(config: EnvConfig, folder: string, recurse: boolean): Record<string, unknown> {
  return {
    repoURL: config.gitops.repoURL,
    targetRevision: config.gitops.targetRevision,
    path: folder,
    ...(recurse ? { directory: { recurse } } : {}),
  };
}

/**
 * The Argo CD wiring of one environment: the AppProject, the root Application (which manages this folder, itself
 * included), one Application per add-on (early sync waves: their CRDs must exist first) and the platform Application
 * that syncs the rendered manifests (last wave).
 */
export function renderArgocd(scope: Construct, config: EnvConfig, renderedClusterKinds: readonly GroupKind[]): void {
  const addons = resolveAddons(config);
  const { gitops } = config;
  renderProject(scope, config, addons, renderedClusterKinds);

  application(scope, config, `${config.name}-root`, -5, {
    source: gitSource(config, argocdDir(config.name), false),
    destination: { server: gitops.destinationServer, namespace: gitops.argocdNamespace },
    syncPolicy: syncPolicy(config, ['PruneLast=true']),
  });

  for (const addon of addons) {
    application(scope, config, `${config.name}-${addon.name}`, addon.syncWave, {
      source: {
        repoURL: addon.repoURL,
        chart: addon.chart,
        targetRevision: addon.version,
        helm: { releaseName: addon.name, valuesObject: addon.resolvedValues },
      },
      destination: { server: gitops.destinationServer, namespace: addon.namespace },
      syncPolicy: syncPolicy(config, [
        'CreateNamespace=true',
        // A chart's own CRs (a ServiceMonitor, a Prometheus) sync in the wave that installs their CRDs.
        'SkipDryRunOnMissingResource=true',
        ...(addon.serverSideApply ? ['ServerSideApply=true'] : []),
      ]),
    });
  }

  // What the PreSync hook of the platform needs before it runs (the namespace, identities, network rules, the database
  // credentials) and the Secrets the monitoring chart mounts. A hook of an Application runs before that Application
  // applies anything, so these live in an Application of their own, in an earlier wave.
  application(scope, config, `${config.name}-event-platform-prerequisites`, PREREQUISITES_WAVE, {
    source: {
      ...gitSource(config, manifestsDir(config.name), true),
      directory: { recurse: true, include: PREREQUISITES },
    },
    destination: { server: gitops.destinationServer, namespace: config.namespace },
    syncPolicy: syncPolicy(config, ['PruneLast=true', 'ServerSideApply=true', 'SkipDryRunOnMissingResource=true']),
  });

  application(scope, config, `${config.name}-event-platform`, 0, {
    source: {
      ...gitSource(config, manifestsDir(config.name), true),
      directory: { recurse: true, exclude: PREREQUISITES },
    },
    destination: { server: gitops.destinationServer, namespace: config.namespace },
    syncPolicy: syncPolicy(config, [
      'PruneLast=true',
      'RespectIgnoreDifferences=true',
      'ServerSideApply=true',
      'SkipDryRunOnMissingResource=true',
    ]),
    // The HPA and KEDA own replicas; the rendered Deployments carry none, and a controller's value is never a diff.
    ignoreDifferences: ['api', 'worker'].map((name) => ({
      group: 'apps',
      kind: 'Deployment',
      name,
      namespace: config.namespace,
      jsonPointers: ['/spec/replicas'],
    })),
  });
}
