import { describe, expect, it } from 'vitest';
import { argoGlob, projectKinds, projectPermits } from './project-kinds.js';
import { devContext, objectNamed } from './testing.js';

describe('project-permits-kinds', () => {
  it('passes the committed render', () => expect(projectKinds.check(devContext())).toStrictEqual([]));

  it("fails when the project lacks a cluster-scoped kind of an add-on's chart (IngressClassParams)", () => {
    const ctx = devContext();
    const project = objectNamed(ctx, 'AppProject', 'events-dev');
    project.spec.clusterResourceWhitelist = project.spec.clusterResourceWhitelist.filter(
      (k: { kind: string }) => k.kind !== 'IngressClassParams',
    );
    const findings = projectKinds.check(ctx);
    expect(findings.map((f) => [f.resource, f.message])).toStrictEqual([
      [
        'Application/argocd/dev-aws-load-balancer-controller',
        'deploys cluster elbv2.k8s.aws/IngressClassParams, which AppProject events-dev does not permit: the sync would fail',
      ],
    ]);
  });

  it('fails when the project lacks a cluster-scoped kind of the rendered manifests (the drill ClusterRole)', () => {
    const ctx = devContext();
    const project = objectNamed(ctx, 'AppProject', 'events-dev');
    project.spec.clusterResourceWhitelist = project.spec.clusterResourceWhitelist.filter(
      (k: { kind: string }) => k.kind !== 'ClusterRoleBinding',
    );
    const resources = projectKinds.check(ctx).map((f) => f.resource);
    expect(resources).toContain('Application/argocd/dev-event-platform');
  });

  it('fails when a namespaced kind is blacklisted or missing from a namespaced whitelist', () => {
    const ctx = devContext();
    const project = objectNamed(ctx, 'AppProject', 'events-dev');
    project.spec.namespaceResourceBlacklist = [{ group: 'keda.sh', kind: 'ScaledObject' }];
    expect(projectKinds.check(ctx).map((f) => f.message)).toStrictEqual([
      'deploys namespaced keda.sh/ScaledObject, which AppProject events-dev does not permit: the sync would fail',
    ]);
    expect(
      projectPermits(
        { namespaceResourceWhitelist: [{ group: 'apps', kind: '*' }] },
        { group: '', kind: 'Service', scope: 'namespaced' },
      ),
    ).toBe(false);
    expect(
      projectPermits(
        { namespaceResourceWhitelist: [{ group: 'apps', kind: '*' }] },
        { group: 'apps', kind: 'Deployment', scope: 'namespaced' },
      ),
    ).toBe(true);
  });

  it("reads an Application's include and exclude globs as Argo CD does (the prerequisites split)", () => {
    const include = objectNamed(devContext(), 'Application', 'dev-event-platform-prerequisites').spec.source.directory
      .include as string;
    const glob = argoGlob(include);
    expect(glob.test('events-dev/serviceaccount_bootstrap.yaml')).toBe(true);
    expect(glob.test('_cluster/namespace_events-dev.yaml')).toBe(true);
    expect(glob.test('events-dev/externalsecret.external-secrets.io_ledger-db-credentials.yaml')).toBe(true);
    expect(glob.test('events-dev/job.batch_bootstrap.yaml')).toBe(false);
  });
});
