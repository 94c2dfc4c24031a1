import type { EnvConfig } from '../../config/schema.js';
import { addonNamespace } from '../../platform-addons/catalog.js';
import type { RenderedObject } from '../validate/rendered.js';
import type { PolicyRule } from './rule.js';
import { finding } from './rule.js';

type Scope = 'own namespace' | 'velero' | 'cluster';

/** One thing a drill may do: verbs on a resource, where, and (when set) only on these names. */
interface Allowance {
  readonly scope: Scope;
  readonly apiGroup: string;
  readonly resource: string;
  readonly verbs: readonly string[];
  readonly resourceNames?: readonly string[];
}

/**
 * Everything the drills' service accounts may do (docs/runbooks/DrillFailed.md, "What the drills may do"). The chaos
 * drill deletes the worker's pods and patches the worker's scale in its own namespace; the restore drill asks Velero
 * for restores, reads what it compares, and deletes the one scratch namespace.
 */
export function drillAllowances(config: EnvConfig): Record<string, readonly Allowance[]> {
  const scratch = config.drills.restore.scratchNamespace;
  return {
    'chaos-drill': [
      { scope: 'own namespace', apiGroup: '', resource: 'pods', verbs: ['get', 'list', 'delete'] },
      {
        scope: 'own namespace',
        apiGroup: 'apps',
        resource: 'deployments/scale',
        verbs: ['get', 'patch'],
        resourceNames: ['worker'],
      },
    ],
    'restore-drill': [
      { scope: 'velero', apiGroup: 'velero.io', resource: 'backups', verbs: ['get', 'list'] },
      { scope: 'velero', apiGroup: 'velero.io', resource: 'restores', verbs: ['create', 'get'] },
      { scope: 'cluster', apiGroup: '', resource: 'namespaces', verbs: ['get', 'delete'], resourceNames: [scratch] },
      ...(['pods', 'services', 'serviceaccounts'] as const).map((resource) => ({
        scope: 'cluster' as const,
        apiGroup: '',
        resource,
        verbs: ['get', 'list'],
      })),
      { scope: 'cluster', apiGroup: 'apps', resource: 'deployments', verbs: ['get', 'list'] },
      { scope: 'cluster', apiGroup: 'batch', resource: 'cronjobs', verbs: ['get', 'list'] },
      { scope: 'cluster', apiGroup: 'networking.k8s.io', resource: 'networkpolicies', verbs: ['get', 'list'] },
    ],
  };
}

interface PolicyRuleSpec {
  apiGroups?: string[];
  resources?: string[];
  verbs?: string[];
  resourceNames?: string[];
}

/** Each verb a rule grants that no allowance covers, as a sentence. */
function excess(rule: PolicyRuleSpec, scope: Scope, allowed: readonly Allowance[]): string[] {
  const problems: string[] = [];
  for (const apiGroup of rule.apiGroups ?? [])
    for (const resource of rule.resources ?? [])
      for (const verb of rule.verbs ?? []) {
        const fits = allowed.some(
          (a) =>
            a.scope === scope &&
            a.apiGroup === apiGroup &&
            a.resource === resource &&
            a.verbs.includes(verb) &&
            (!a.resourceNames ||
              ((rule.resourceNames ?? []).length > 0 &&
                rule.resourceNames!.every((n) => a.resourceNames!.includes(n)))),
        );
        if (!fits)
          problems.push(
            `${verb} ${apiGroup || 'core'}/${resource}${rule.resourceNames ? ` [${rule.resourceNames.join(', ')}]` : ''} (${scope})`,
          );
      }
  return problems;
}

function scopeOf(binding: RenderedObject, config: EnvConfig): Scope | undefined {
  if (binding.object.kind === 'ClusterRoleBinding') return 'cluster';
  if (binding.object.metadata.namespace === config.namespace) return 'own namespace';
  if (binding.object.metadata.namespace === addonNamespace('velero')) return 'velero';
  return undefined;
}

/**
 * The drills' service accounts hold exactly the permissions their work needs (drillAllowances), no wildcard, no
 * other namespace; and the chaos drill's pod deletions are confined to the worker by an admission policy, since RBAC
 * cannot name pods by label.
 */
export const drillPermissions: PolicyRule = {
  id: 'drill-permissions',
  description: "The drills' service accounts may do only what the drills need",
  check(ctx) {
    const allowances = drillAllowances(ctx.config);
    const roles = (kind: string, name: string, namespace?: string) =>
      ctx.objects.find(
        (o) => o.object.kind === kind && o.object.metadata.name === name && o.object.metadata.namespace === namespace,
      );
    const findings = ctx.objects
      .filter((o) => o.object.kind === 'RoleBinding' || o.object.kind === 'ClusterRoleBinding')
      .flatMap((binding) => {
        const subjects: { kind: string; name: string; namespace?: string }[] = binding.object.subjects ?? [];
        const drill = subjects.find(
          (s) => s.kind === 'ServiceAccount' && s.namespace === ctx.config.namespace && s.name in allowances,
        )?.name;
        if (!drill) return [];
        const scope = scopeOf(binding, ctx.config);
        const ref = binding.object.roleRef as { kind: string; name: string };
        const role = roles(ref.kind, ref.name, ref.kind === 'Role' ? binding.object.metadata.namespace : undefined);
        const problems = !scope
          ? [`a binding in namespace ${binding.object.metadata.namespace}, where ${drill} has no business`]
          : !role
            ? [`${ref.kind} ${ref.name} is not rendered, so what it grants is unknown`]
            : ((role.object.rules ?? []) as PolicyRuleSpec[]).flatMap((r) => excess(r, scope, allowances[drill]!));
        return problems.length === 0
          ? []
          : [
              finding(
                ctx,
                this.id,
                binding,
                `${drill} is granted more than it needs: ${problems.join('; ')}`,
                `grant ${drill} only what policies/rules/drill-permissions.ts allows`,
              ),
            ];
      });
    const chaosUser = `system:serviceaccount:${ctx.config.namespace}:chaos-drill`;
    const guarded = ctx.objects.some(
      (o) =>
        o.object.kind === 'ValidatingAdmissionPolicy' &&
        (o.object.spec?.matchConditions ?? []).some((c: { expression: string }) => c.expression.includes(chaosUser)) &&
        ctx.objects.some(
          (b) =>
            b.object.kind === 'ValidatingAdmissionPolicyBinding' &&
            b.object.spec?.policyName === o.object.metadata.name &&
            (b.object.spec?.validationActions ?? []).includes('Deny'),
        ),
    );
    const chaosRole = roles('Role', 'chaos-drill', ctx.config.namespace);
    if (!guarded && chaosRole)
      findings.push(
        finding(
          ctx,
          this.id,
          chaosRole,
          "the chaos drill may delete any pod of the namespace: no admission policy confines it to the worker's",
          'render the ValidatingAdmissionPolicy and its Deny binding (generators/components/drill-access.ts)',
        ),
      );
    return findings;
  },
};
