import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

/** The autoscaler's targets: HPAs and KEDA ScaledObjects by the Deployment name they scale. */
function autoscalerTargets(objects: Parameters<PolicyRule['check']>[0]['objects']) {
  const targets = new Map<string, string[]>();
  for (const { object } of objects) {
    if (object.kind !== 'HorizontalPodAutoscaler' && object.kind !== 'ScaledObject') continue;
    const ref = object.spec?.scaleTargetRef;
    if ((ref?.kind ?? 'Deployment') !== 'Deployment') continue;
    const key = `${object.metadata.namespace}/${ref?.name}`;
    targets.set(key, [...(targets.get(key) ?? []), `${object.kind}/${object.metadata.name}`]);
  }
  return targets;
}

export const autoscaledReplicas: PolicyRule = {
  id: 'autoscaled-no-fixed-replicas',
  description: 'An autoscaled Deployment has no fixed replicas and exactly one autoscaler',
  check(ctx) {
    const targets = autoscalerTargets(ctx.objects);
    return ctx.objects
      .filter(({ object }) => object.kind === 'Deployment')
      .flatMap((at) => {
        const scalers = targets.get(`${at.object.metadata.namespace}/${at.object.metadata.name}`) ?? [];
        const found = [];
        if (scalers.length > 0 && at.object.spec?.replicas !== undefined) {
          found.push(
            finding(
              ctx,
              this.id,
              at,
              `sets replicas: ${at.object.spec.replicas} but ${scalers.join(' and ')} owns the replica count`,
              'remove spec.replicas from the Deployment',
            ),
          );
        }
        if (scalers.length > 1) {
          found.push(
            finding(
              ctx,
              this.id,
              at,
              `is targeted by ${scalers.join(' and ')}; they would fight over replicas`,
              'keep exactly one autoscaler per Deployment',
            ),
          );
        }
        return found;
      });
  },
};
