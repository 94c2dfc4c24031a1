import { describe, expect, it } from 'vitest';
import { drillPermissions } from './drill-permissions.js';
import { devContext, objectNamed } from './testing.js';

const messages = (ctx: ReturnType<typeof devContext>) => drillPermissions.check(ctx).map((f) => f.message);

describe('drill-permissions', () => {
  it('passes the committed render', () => expect(drillPermissions.check(devContext())).toStrictEqual([]));

  it('catches a chaos-drill Role that may also patch any Deployment and create pods', () => {
    const ctx = devContext();
    const role = objectNamed(ctx, 'Role', 'chaos-drill');
    role.rules.push({ apiGroups: ['apps'], resources: ['deployments'], verbs: ['patch'] });
    role.rules[0].verbs.push('create');
    expect(messages(ctx)).toStrictEqual([
      'chaos-drill is granted more than it needs: create core/pods (own namespace); patch apps/deployments (own namespace)',
    ]);
  });

  it('catches a scale permission that lost its resource name (every Deployment of the namespace)', () => {
    const ctx = devContext();
    const role = objectNamed(ctx, 'Role', 'chaos-drill');
    delete role.rules[1].resourceNames;
    expect(messages(ctx)).toStrictEqual([
      'chaos-drill is granted more than it needs: get apps/deployments/scale (own namespace); patch apps/deployments/scale (own namespace)',
    ]);
  });

  it('catches a wildcard and a binding to a ClusterRole that is not the drill’s', () => {
    const ctx = devContext();
    objectNamed(ctx, 'Role', 'chaos-drill').rules.push({ apiGroups: ['*'], resources: ['*'], verbs: ['*'] });
    const binding = objectNamed(ctx, 'ClusterRoleBinding', 'events-dev-restore-drill');
    binding.roleRef.name = 'cluster-admin';
    expect(messages(ctx)).toStrictEqual([
      'restore-drill is granted more than it needs: ClusterRole cluster-admin is not rendered, so what it grants is unknown',
      'chaos-drill is granted more than it needs: * */* (own namespace)',
    ]);
  });

  it('catches a restore drill that may delete any namespace', () => {
    const ctx = devContext();
    delete objectNamed(ctx, 'ClusterRole', 'events-dev-restore-drill').rules[0].resourceNames;
    expect(messages(ctx)).toStrictEqual([
      'restore-drill is granted more than it needs: get core/namespaces (cluster); delete core/namespaces (cluster)',
    ]);
  });

  it('catches pod deletion left unconfined when the admission policy is gone', () => {
    const ctx = devContext();
    const kept = ctx.objects.filter((o) => o.object.kind !== 'ValidatingAdmissionPolicyBinding');
    expect(messages({ ...ctx, objects: kept })).toStrictEqual([
      "the chaos drill may delete any pod of the namespace: no admission policy confines it to the worker's",
    ]);
  });
});
