import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';
import { podTemplates } from '../validate/rendered.js';

function selects(selector: any, labels: Record<string, string>): boolean {
  const matchLabels = (selector?.matchLabels ?? {}) as Record<string, string>;
  if ((selector?.matchExpressions ?? []).length > 0) return false; // not used here; treated as not covering
  return Object.entries(matchLabels).every(([k, v]) => labels[k] === v);
}

export const networkCoverage: PolicyRule = {
  id: 'workload-covered-by-networkpolicy',
  description: 'Every workload is selected by at least one NetworkPolicy (unselected pods are unrestricted)',
  check(ctx) {
    const policies = ctx.objects.filter(({ object }) => object.kind === 'NetworkPolicy');
    return podTemplates(ctx.objects)
      .filter(({ owner, template }) => {
        const labels = (template?.metadata?.labels ?? {}) as Record<string, string>;
        return !policies.some(
          ({ object }) =>
            object.metadata.namespace === owner.object.metadata.namespace && selects(object.spec?.podSelector, labels),
        );
      })
      .map(({ owner }) =>
        finding(
          ctx,
          this.id,
          owner,
          'is selected by no NetworkPolicy: all traffic to and from it is allowed',
          'render the default-deny policy in its namespace',
        ),
      );
  },
};
