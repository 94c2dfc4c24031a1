import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { ALERTS } from './alerts.js';
import type { KubeObject } from './environment.js';
import { renderEnvironment } from './environment.js';
import { readAssets } from './outputs.js';
import { isWorkload } from '../../config/workloads.js';

const ENVIRONMENTS = ['dev', 'staging', 'prod'];
const assets = readAssets(repoRoot);
const render = (environment: string) => {
  const { config } = loadEnvironment(repoRoot, environment);
  return { config, ...renderEnvironment(config, assets) };
};

type Obj = KubeObject & { spec?: Record<string, any> };
const ofKind = (objects: KubeObject[], kind: string) => objects.filter((o) => o.kind === kind) as Obj[];

describe.each(ENVIRONMENTS)('the %s render', (environment) => {
  const { config, workloads, argocd } = render(environment);

  it('matches its snapshot', async () => {
    const text = [...workloads, ...argocd]
      .map((o) => stringify(o, { sortMapEntries: true, lineWidth: 0 }))
      .join('---\n');
    await expect(text).toMatchFileSnapshot(`__snapshots__/${environment}.yaml`);
  });

  it('leaves replicas of autoscaled Deployments to their autoscaler, and no Deployment has two', () => {
    const hpaTargets = ofKind(workloads, 'HorizontalPodAutoscaler').map((h) => h.spec!.scaleTargetRef.name as string);
    const kedaTargets = ofKind(workloads, 'ScaledObject').map((s) => s.spec!.scaleTargetRef.name as string);
    expect(hpaTargets).toStrictEqual(['api']);
    expect(kedaTargets).toStrictEqual(['worker']);
    for (const deployment of ofKind(workloads, 'Deployment')) {
      expect(deployment.spec).not.toHaveProperty('replicas');
      expect([...hpaTargets, ...kedaTargets].filter((t) => t === deployment.metadata.name)).toHaveLength(1);
    }
  });

  it('gives every workload that may run several replicas a PDB that still allows a disruption', () => {
    const pdbs = ofKind(workloads, 'PodDisruptionBudget');
    for (const deployment of ofKind(workloads, 'Deployment')) {
      const selector = deployment.spec!.selector.matchLabels as Record<string, string>;
      const pdb = pdbs.find((p) => JSON.stringify(p.spec!.selector.matchLabels) === JSON.stringify(selector));
      expect(pdb, `PDB for ${deployment.metadata.name}`).toBeDefined();
      expect(pdb!.spec!.maxUnavailable).toBeGreaterThanOrEqual(1);
    }
  });

  it('never lets KEDA scale the worker beyond the partition count', () => {
    const [scaledObject] = ofKind(workloads, 'ScaledObject');
    expect(scaledObject!.spec!.maxReplicaCount).toBeLessThanOrEqual(config.kafka.topic.partitions);
    expect(scaledObject!.spec!.triggers[0].metadata).toMatchObject({
      topic: config.kafka.topic.name,
      consumerGroup: config.kafka.consumerGroup,
      lagThreshold: String(config.worker.autoscaling.lagThreshold),
    });
  });

  it('links every alert to a runbook file that exists', () => {
    const [rule] = ofKind(workloads, 'PrometheusRule');
    const alerts = rule!.spec!.groups.flatMap(
      (g: { rules: { alert: string; annotations: { runbook_url: string } }[] }) => g.rules,
    );
    expect(alerts.map((a: { alert: string }) => a.alert)).toStrictEqual(ALERTS.map((a) => a.name));
    for (const alert of alerts) {
      expect(alert.annotations.runbook_url).toBe(`${config.observability.runbookBaseUrl}/${alert.alert}.md`);
      expect(fs.existsSync(path.join(repoRoot, 'docs/runbooks', `${alert.alert}.md`)), alert.alert).toBe(true);
    }
  });

  it('renders exactly one allow rule per declared edge and end in this namespace, and nothing undeclared', () => {
    const allowed = new Set<string>();
    for (const policy of ofKind(workloads, 'NetworkPolicy')) {
      if (['default-deny', 'allow-dns'].includes(policy.metadata.name)) continue;
      const owner = policy.spec!.podSelector.matchLabels['app.kubernetes.io/name'] as string;
      for (const rule of policy.spec!.egress ?? [])
        allowed.add(`egress ${owner} ${rule.ports[0].port}/${rule.ports[0].protocol} ${JSON.stringify(rule.to)}`);
      for (const rule of policy.spec!.ingress ?? [])
        allowed.add(`ingress ${owner} ${rule.ports[0].port}/${rule.ports[0].protocol} ${JSON.stringify(rule.from)}`);
    }
    const ruleCount = ofKind(workloads, 'NetworkPolicy').reduce(
      (n, p) => n + (p.spec!.egress?.length ?? 0) + (p.spec!.ingress?.length ?? 0),
      0,
    );
    const expectedSides = config.network.edges.reduce(
      (n, e) => n + Number(isWorkload(e.from)) + Number(isWorkload(e.to)),
      0,
    );
    // +1: the DNS rule every pod gets.
    expect(ruleCount).toBe(expectedSides + 1);
    expect(allowed.size).toBe(expectedSides);
  });

  it('denies everything by default in the namespace, both ways', () => {
    const [deny] = ofKind(workloads, 'NetworkPolicy').filter((p) => p.metadata.name === 'default-deny');
    expect(deny!.spec).toStrictEqual({ podSelector: {}, policyTypes: ['Ingress', 'Egress'] });
  });

  it('carries no secret value: Secrets are referenced, never rendered', () => {
    expect(workloads.filter((o) => o.kind === 'Secret')).toHaveLength(0);
    const text = JSON.stringify([...workloads, ...argocd]);
    expect(text).not.toMatch(/AKIA[0-9A-Z]{16}/);
    for (const match of text.matchAll(/\{"name":"([A-Z_]*(PASSWORD|SECRET|TOKEN)[A-Z_]*)","value":"([^"]*)"/g)) {
      // A `*_FILE` names where a Secret is mounted: a reference, as long as it points into a mounted secret volume.
      if (match[1]!.endsWith('_FILE') && match[3]!.startsWith('/var/run/secrets/')) continue;
      throw new Error(`${match[1]} has a literal value`);
    }
    expect(text).toContain('"secretKeyRef":{"key":"password","name":"ledger-db-credentials"}');
  });

  it("gives the platform's own callers of the API (chaos drill, load test) the caller token the API admits", () => {
    // Regression: the drill and the load test called the API without a token and got 401 on a real node.
    for (const cron of ofKind(workloads, 'CronJob').filter((c) =>
      ['chaos-drill', 'loadtest'].includes(c.metadata.name),
    )) {
      const pod = (cron.spec!.jobTemplate as { spec: { template: { spec: Obj['spec'] } } }).spec.template.spec!;
      const volumes = pod.volumes as { name: string; secret?: { secretName: string } }[];
      expect(volumes.find((v) => v.secret)?.secret?.secretName).toBe('api-caller-token');
      expect(JSON.stringify(pod.containers)).toContain('/var/run/secrets/api-caller-token/token');
    }
    expect(workloads.some((o) => o.kind === 'ExternalSecret' && o.metadata.name === 'api-caller-token')).toBe(true);
  });

  it('derives IRSA role ARNs from the account and the naming convention', () => {
    const restoreDrill = workloads.find((o) => o.kind === 'ServiceAccount' && o.metadata.name === 'restore-drill');
    expect(restoreDrill!.metadata.annotations).toStrictEqual({
      'eks.amazonaws.com/role-arn': `arn:aws:iam::${config.aws.accountId}:role/${config.aws.iamRolePrefix}-restore-drill`,
    });
  });

  it('syncs add-ons (and their CRDs) in earlier waves than the platform that uses them', () => {
    const wave = (o: KubeObject) =>
      Number((o.metadata.annotations as Record<string, string>)['argocd.argoproj.io/sync-wave']);
    const apps = argocd.filter((o) => o.kind === 'Application');
    const platform = apps.find((a) => a.metadata.name === `${environment}-event-platform`)!;
    for (const addon of apps.filter((a) => a !== platform && !a.metadata.name.endsWith('-root'))) {
      expect(wave(addon)).toBeLessThan(wave(platform));
    }
    expect((platform as Obj).spec!.ignoreDifferences).toHaveLength(2);
    expect((platform as Obj).spec!.syncPolicy.automated).toStrictEqual(
      config.gitops.automatedSync.enabled
        ? { prune: config.gitops.automatedSync.prune, selfHeal: config.gitops.automatedSync.selfHeal }
        : undefined,
    );
  });

  it('confines the AppProject to its repositories and namespaces', () => {
    const [project] = argocd.filter((o) => o.kind === 'AppProject') as Obj[];
    expect(project!.spec!.sourceRepos).toContain(config.gitops.repoURL);
    expect(project!.spec!.destinations.map((d: { namespace: string }) => d.namespace)).toContain(config.namespace);
    expect(
      project!.spec!.destinations.every((d: { server: string }) => d.server === config.gitops.destinationServer),
    ).toBe(true);
    expect(project!.spec!.clusterResourceWhitelist).not.toContainEqual({ group: '*', kind: '*' });
  });
});

describe('environments differ only by values', () => {
  it('render the same kinds and names in every environment', () => {
    const shape = (environment: string) => {
      const { workloads } = render(environment);
      return workloads.map((o) => `${o.kind}/${o.metadata.name.replace(environment, '<env>')}`).sort();
    };
    expect(shape('staging')).toStrictEqual(shape('dev'));
    // Prod has no load test (no loadtest section), and more backup schedules; everything else is the same.
    const notInProd = (s: string) => !s.startsWith('Schedule/') && !s.includes('loadtest');
    expect(shape('prod').filter(notInProd)).toStrictEqual(shape('dev').filter(notInProd));
    expect(shape('prod').filter((s) => s.includes('loadtest'))).toStrictEqual([]);
  });
});
