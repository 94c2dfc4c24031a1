import type { Application } from './application.js';
import { chartsOf, isFromRepository } from './application.js';
import type { KubeClient } from '../../services/drills/cluster/kube-client.js';

/**
 * The namespace a chart Application creates when it syncs (CreateNamespace=true), created by the check instead
 * because the chart cannot be synced offline; Applications of this repository that deploy into it would otherwise
 * fail for a reason a real cluster does not have. Labels and annotations follow managedNamespaceMetadata, as Argo CD's
 * own. Returns `Namespace/<name> (<chart>)` for each namespace it created.
 */
export async function ensureChartNamespaces(
  client: KubeClient,
  apps: Application[],
  repoURL: string,
): Promise<string[]> {
  const created: string[] = [];
  for (const app of apps) {
    if (isFromRepository(app, repoURL)) continue;
    const namespace = app.spec.destination?.namespace;
    if (!namespace || !(app.spec.syncPolicy?.syncOptions ?? []).includes('CreateNamespace=true')) continue;
    if (await client.find(`/api/v1/namespaces/${namespace}`)) continue;
    const metadata = app.spec.syncPolicy?.managedNamespaceMetadata;
    await client.post('/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: namespace, labels: metadata?.labels, annotations: metadata?.annotations },
    });
    created.push(`Namespace/${namespace} (${chartsOf(app).join(', ') || app.metadata.name})`);
  }
  return created;
}
