import { App, Chart } from 'cdk8s';
import { renderApi } from '../components/api.js';
import { renderArgocd } from '../components/argocd.js';
import { renderBackups } from '../components/backup.js';
import { renderBootstrap } from '../components/bootstrap.js';
import { renderDashboards } from '../components/dashboards.js';
import { renderDrills } from '../components/drills.js';
import { renderLoadtest } from '../components/loadtest.js';
import { renderNamespace } from '../components/namespace.js';
import { renderNetworkPolicies } from '../components/network.js';
import { renderObservability } from '../components/observability.js';
import { renderMonitoringSecrets } from '../components/monitoring-secrets.js';
import { renderSecrets } from '../components/secrets.js';
import { renderWorker } from '../components/worker.js';
import type { EnvConfig } from '../../config/schema.js';
import type { GroupKind } from '../../platform-addons/chart-kinds.js';

/** A Kubernetes object as plain data, the unit the output stage writes one file per. */
export interface KubeObject {
  readonly apiVersion: string;
  readonly kind: string;
  readonly metadata: { readonly name: string; readonly namespace?: string; readonly [key: string]: unknown };
  readonly [key: string]: unknown;
}

/** Files the render reads and passes in, so the generators themselves stay free of I/O (none today). */
export type RenderAssets = Record<string, never>;

export interface RenderedEnvironment {
  /** What Argo CD's platform Application syncs: environments/<env>/manifests. */
  readonly workloads: KubeObject[];
  /** The Argo CD objects: argocd/<env>, applied once by hand to bootstrap, then managed by the root Application. */
  readonly argocd: KubeObject[];
}

/** The kinds of the objects without a namespace: what the AppProject must let the platform Application create. */
function clusterScopedKinds(objects: readonly KubeObject[]): GroupKind[] {
  return objects
    .filter((o) => o.metadata.namespace === undefined)
    .map((o) => ({ group: o.apiVersion.includes('/') ? o.apiVersion.split('/')[0]! : '', kind: o.kind }));
}

function chartOf(id: string): Chart {
  return new Chart(new App(), id, { disableResourceNameHashes: true });
}

/**
 * Renders one environment. A pure function of the validated config and the assets: no I/O, no clock, no randomness,
 * and no branch on the environment's name; everything that differs is a value in env.yaml.
 */
export function renderEnvironment(config: EnvConfig, _assets: RenderAssets): RenderedEnvironment {
  const workloads = chartOf(config.name);
  renderNamespace(workloads, config);
  renderApi(workloads, config);
  renderWorker(workloads, config);
  renderBootstrap(workloads, config);
  renderSecrets(workloads, config);
  renderMonitoringSecrets(workloads, config);
  renderNetworkPolicies(workloads, config);
  renderObservability(workloads, config);
  renderDashboards(workloads, config);
  renderBackups(workloads, config);
  renderDrills(workloads, config);
  renderLoadtest(workloads, config);

  const workloadObjects = workloads.toJson() as KubeObject[];
  const argocd = chartOf(`${config.name}-argocd`);
  renderArgocd(argocd, config, clusterScopedKinds(workloadObjects));
  return { workloads: workloadObjects, argocd: argocd.toJson() as KubeObject[] };
}
