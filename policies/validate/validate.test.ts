import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parse, stringify } from 'yaml';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { repoRoot } from '../../config/paths.js';
import type { Finding } from './findings.js';
import { validateEnvironment } from './validate.js';

const MANIFESTS = 'environments/dev/manifests/events-dev';

// Each run starts kubeconform, kube-score and the connectivity analyser: seconds on a busy 2-core machine, not ms.
describe('npm run validate on the committed output', { timeout: 60_000 }, () => {
  it.each(['dev', 'staging', 'prod'])('finds no error in %s', async (environment) => {
    const errors = (await validateEnvironment({ repoRoot, environment })).filter((f) => f.severity === 'error');
    expect(errors).toStrictEqual([]);
  });
});

describe('npm run validate on deliberately broken output', { timeout: 60_000 }, () => {
  let root: string;

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'validate-fixture-'));
    for (const dir of ['environments/dev/manifests', 'argocd/dev'])
      fs.cpSync(path.join(repoRoot, dir), path.join(root, dir), { recursive: true });
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** Edits one rendered file of the fixture as data. */
  const edit = (file: string, change: (object: any) => void) => {
    const absolute = path.join(root, file);
    const object = parse(fs.readFileSync(absolute, 'utf8'));
    change(object);
    fs.writeFileSync(absolute, stringify(object));
  };
  const add = (file: string, object: unknown) => fs.writeFileSync(path.join(root, file), stringify(object));
  const remove = (file: string) => fs.rmSync(path.join(root, file));
  const errors = async (): Promise<Finding[]> =>
    (await validateEnvironment({ repoRoot, environment: 'dev', renderedRoot: root })).filter(
      (f) => f.severity === 'error',
    );
  const brief = (f: Finding) => ({ file: f.file, resource: f.resource, rule: f.rule, message: f.message });

  it('reports an unknown field in a Deployment against the Kubernetes schema', async () => {
    edit(
      `${MANIFESTS}/deployment.apps_api.yaml`,
      (d) => (d.spec.template.spec.containers[0].livenessProbe.httpGett = {}),
    );
    expect((await errors()).map(brief)).toStrictEqual([
      {
        file: `${MANIFESTS}/deployment.apps_api.yaml`,
        resource: 'Deployment/api',
        rule: 'schema',
        message:
          "/spec/template/spec/containers/0/livenessProbe: additional properties 'httpGett' not allowed (apps/v1 Deployment, Kubernetes 1.35.4)",
      },
    ]);
  });

  it('reports a KEDA trigger field that the pinned KEDA version does not have', async () => {
    edit(`${MANIFESTS}/scaledobject.keda.sh_worker.yaml`, (s) => (s.spec.triggers[0].priority = 1));
    expect((await errors()).map(brief)).toStrictEqual([
      {
        file: `${MANIFESTS}/scaledobject.keda.sh_worker.yaml`,
        resource: 'ScaledObject/worker',
        rule: 'schema',
        message:
          "/spec/triggers/0: additional properties 'priority' not allowed (keda.sh/v1alpha1 ScaledObject, Kubernetes 1.35.4)",
      },
    ]);
  });

  it('reports an object whose schema nobody has, instead of skipping it', async () => {
    add(`${MANIFESTS}/widget.example.com_x.yaml`, {
      apiVersion: 'example.com/v1',
      kind: 'Widget',
      metadata: { name: 'x', namespace: 'events-dev' },
    });
    const [finding] = await errors();
    expect(finding).toMatchObject({
      rule: 'schema',
      resource: 'Widget/x',
      file: `${MANIFESTS}/widget.example.com_x.yaml`,
    });
    expect(finding!.message).toMatch(/could not find schema/);
  });

  it('reports an HPA-targeted Deployment that fixes its replicas', async () => {
    edit(`${MANIFESTS}/deployment.apps_api.yaml`, (d) => (d.spec.replicas = 3));
    const found = await errors();
    // The generic linter agrees; the project's rule names the autoscaler that owns the count.
    expect(found.map((f) => f.rule)).toContain(
      'kube-score/deployment-targeted-by-hpa-does-not-have-replicas-configured',
    );
    expect(found.filter((f) => !f.rule.startsWith('kube-score/')).map(brief)).toStrictEqual([
      {
        file: `${MANIFESTS}/deployment.apps_api.yaml`,
        resource: 'Deployment/events-dev/api',
        rule: 'autoscaled-no-fixed-replicas',
        message: 'sets replicas: 3 but HorizontalPodAutoscaler/api owns the replica count',
      },
    ]);
  });

  it('reports an alert whose runbook does not exist', async () => {
    edit(`${MANIFESTS}/prometheusrule.monitoring.coreos.com_event-platform-slos.yaml`, (r) => {
      r.spec.groups[0].rules[0].alert = 'LedgerOnFire';
      r.spec.groups[0].rules[0].annotations.runbook_url =
        'https://github.com/example/event-platform/blob/main/docs/runbooks/LedgerOnFire.md';
    });
    expect((await errors()).map(brief)).toStrictEqual([
      {
        file: `${MANIFESTS}/prometheusrule.monitoring.coreos.com_event-platform-slos.yaml`,
        resource: 'PrometheusRule/events-dev/event-platform-slos',
        rule: 'alert-has-runbook',
        message: 'alert LedgerOnFire links to docs/runbooks/LedgerOnFire.md, which does not exist',
      },
    ]);
  });

  it('reports an image on latest', async () => {
    edit(
      `${MANIFESTS}/deployment.apps_worker.yaml`,
      (d) => (d.spec.template.spec.containers[0].image = 'registry.example/events-worker:latest'),
    );
    const found = await errors();
    expect(found.map((f) => f.rule)).toContain('kube-score/container-image-tag');
    expect(found.filter((f) => !f.rule.startsWith('kube-score/')).map(brief)).toStrictEqual([
      {
        file: `${MANIFESTS}/deployment.apps_worker.yaml`,
        resource: 'Deployment/events-dev/worker',
        rule: 'image-pinned',
        message: "container worker runs 'registry.example/events-worker:latest', which is not pinned",
      },
    ]);
  });

  it('reports a secret value written into a manifest', async () => {
    edit(`${MANIFESTS}/deployment.apps_worker.yaml`, (d) => {
      const env = d.spec.template.spec.containers[0].env;
      env[env.findIndex((v: any) => v.name === 'PGPASSWORD')] = { name: 'PGPASSWORD', value: 'hunter2' };
    });
    expect((await errors()).map(brief)).toStrictEqual([
      {
        file: `${MANIFESTS}/deployment.apps_worker.yaml`,
        resource: 'Deployment/events-dev/worker',
        rule: 'no-secret-values',
        message: 'container worker sets PGPASSWORD to a literal value',
      },
    ]);
  });

  it('reports a container that may escalate privileges', async () => {
    edit(
      `${MANIFESTS}/deployment.apps_api.yaml`,
      (d) => (d.spec.template.spec.containers[0].securityContext.allowPrivilegeEscalation = true),
    );
    expect((await errors()).map(brief)).toContainEqual({
      file: `${MANIFESTS}/deployment.apps_api.yaml`,
      resource: 'Deployment/events-dev/api',
      rule: 'restricted-security-context',
      message: 'api allows privilege escalation',
    });
  });

  it('reports a PDB that allows no disruption', async () => {
    edit(`${MANIFESTS}/poddisruptionbudget.policy_api.yaml`, (p) => (p.spec.maxUnavailable = 0));
    expect((await errors()).map(brief)).toStrictEqual([
      {
        file: `${MANIFESTS}/poddisruptionbudget.policy_api.yaml`,
        resource: 'PodDisruptionBudget/events-dev/api',
        rule: 'pdb-for-multi-replica',
        message: 'allows no voluntary disruption of api: node drains would hang',
      },
    ]);
  });

  it('reports a workload that no NetworkPolicy selects', async () => {
    remove(`${MANIFESTS}/networkpolicy.networking.k8s.io_default-deny.yaml`);
    remove(`${MANIFESTS}/networkpolicy.networking.k8s.io_allow-dns.yaml`);
    const rogue = parse(fs.readFileSync(path.join(root, `${MANIFESTS}/deployment.apps_api.yaml`), 'utf8'));
    rogue.metadata.name = 'rogue';
    rogue.spec.selector.matchLabels = { 'app.kubernetes.io/name': 'rogue' };
    rogue.spec.template.metadata.labels = { 'app.kubernetes.io/name': 'rogue' };
    add(`${MANIFESTS}/deployment.apps_rogue.yaml`, rogue);
    expect((await errors()).map(brief)).toContainEqual({
      file: `${MANIFESTS}/deployment.apps_rogue.yaml`,
      resource: 'Deployment/events-dev/rogue',
      rule: 'workload-covered-by-networkpolicy',
      message: 'is selected by no NetworkPolicy: all traffic to and from it is allowed',
    });
  });

  it('reports a connection the policies allow but the matrix does not declare', async () => {
    add(`${MANIFESTS}/networkpolicy.networking.k8s.io_egress-worker-to-api-8080.yaml`, {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'NetworkPolicy',
      metadata: { name: 'egress-worker-to-api-8080', namespace: 'events-dev' },
      spec: {
        podSelector: { matchLabels: { 'app.kubernetes.io/name': 'worker' } },
        policyTypes: ['Egress'],
        egress: [
          {
            to: [{ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'api' } } }],
            ports: [{ port: 8080, protocol: 'TCP' }],
          },
        ],
      },
    });
    edit(`${MANIFESTS}/networkpolicy.networking.k8s.io_ingress-api-from-prometheus-8080.yaml`, (p) => {
      p.spec.ingress[0].from.push({ podSelector: { matchLabels: { 'app.kubernetes.io/name': 'worker' } } });
    });
    expect((await errors()).map((f) => `${f.rule}: ${f.message}`)).toStrictEqual([
      'connectivity-allowed-but-undeclared: worker → api : 8080/TCP is allowed but not declared in network.edges',
    ]);
  });

  it('reports a declared connection the policies block', async () => {
    remove(`${MANIFESTS}/networkpolicy.networking.k8s.io_egress-worker-to-postgres-5432.yaml`);
    expect((await errors()).map(brief)).toStrictEqual([
      {
        file: 'environments/dev/env.yaml',
        resource: 'network.edges',
        rule: 'connectivity-declared-but-blocked',
        message: 'worker → postgres : 5432/TCP is declared but the NetworkPolicies do not allow it',
      },
    ]);
  });

  it('reports an Argo CD Application pointing at a folder that does not exist', async () => {
    edit(
      'argocd/dev/application.argoproj.io_dev-event-platform.yaml',
      (a) => (a.spec.source.path = 'environments/qa/manifests'),
    );
    expect((await errors()).map(brief)).toStrictEqual([
      {
        file: 'argocd/dev/application.argoproj.io_dev-event-platform.yaml',
        resource: 'Application/argocd/dev-event-platform',
        rule: 'argocd-path-exists',
        message: "syncs path 'environments/qa/manifests', which is not a folder of this repository",
      },
    ]);
  });
});
