import type { KubeManifest } from '../validate/rendered.js';
import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

function matches(selector: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  if (!selector || Object.keys(selector).length === 0) return false;
  return Object.entries(selector).every(([k, v]) => labels?.[k] === v);
}

/** The most replicas a Deployment may run: its fixed count, or its autoscaler's maximum. */
function maxReplicas(deployment: KubeManifest, objects: readonly { object: KubeManifest }[]): number {
  const scaler = objects.find(
    ({ object }) =>
      (object.kind === 'HorizontalPodAutoscaler' || object.kind === 'ScaledObject') &&
      object.metadata.namespace === deployment.metadata.namespace &&
      object.spec?.scaleTargetRef?.name === deployment.metadata.name,
  )?.object;
  if (scaler?.kind === 'HorizontalPodAutoscaler') return Number(scaler.spec.maxReplicas);
  if (scaler?.kind === 'ScaledObject') return Number(scaler.spec.maxReplicaCount ?? 100);
  return Number(deployment.spec?.replicas ?? 1);
}

/** Whether a PDB still lets at least one pod be evicted when `replicas` run. */
function allowsDisruption(pdb: KubeManifest, replicas: number): boolean {
  const { maxUnavailable, minAvailable } = pdb.spec ?? {};
  if (maxUnavailable !== undefined)
    return typeof maxUnavailable === 'string' ? parseInt(maxUnavailable, 10) > 0 : maxUnavailable > 0;
  if (minAvailable !== undefined) {
    const min =
      typeof minAvailable === 'string' ? Math.ceil((parseInt(minAvailable, 10) / 100) * replicas) : minAvailable;
    return min < replicas;
  }
  return false;
}

export const disruptionBudget: PolicyRule = {
  id: 'pdb-for-multi-replica',
  description: 'Every workload that may run more than one replica has a PDB that still allows a disruption',
  check(ctx) {
    const pdbs = ctx.objects.filter(({ object }) => object.kind === 'PodDisruptionBudget');
    return ctx.objects
      .filter(({ object }) => object.kind === 'Deployment' || object.kind === 'StatefulSet')
      .flatMap((at) => {
        const replicas = maxReplicas(at.object, ctx.objects);
        if (replicas <= 1) return [];
        const labels = at.object.spec?.template?.metadata?.labels as Record<string, string> | undefined;
        const pdb = pdbs.find(
          ({ object }) =>
            object.metadata.namespace === at.object.metadata.namespace &&
            matches(object.spec?.selector?.matchLabels, labels),
        );
        if (!pdb)
          return [
            finding(
              ctx,
              this.id,
              at,
              `may run ${replicas} replicas but no PodDisruptionBudget selects its pods`,
              'set <workload>.disruption.maxUnavailable in env.yaml',
            ),
          ];
        if (!allowsDisruption(pdb.object, replicas)) {
          return [
            finding(
              ctx,
              this.id,
              pdb,
              `allows no voluntary disruption of ${at.object.metadata.name}: node drains would hang`,
              'use maxUnavailable of at least 1',
            ),
          ];
        }
        return [];
      });
  },
};
