import { Chart, Testing } from 'cdk8s';
import { describe, expect, it } from 'vitest';
import { workloadDeployment } from './workload.js';

function renderDeployment(constructId: string): Record<string, unknown> {
  const chart = new Chart(Testing.app(), constructId, { disableResourceNameHashes: true });
  workloadDeployment(chart, {
    component: 'worker',
    namespace: 'events-test',
    image: 'registry.example/events-worker:1.0.0',
    port: 9464,
    portName: 'metrics',
    resources: { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '1', memory: '1Gi' } },
    serviceAccountName: 'worker',
    settings: { name: 'worker-settings', checksum: 'abc' },
    spreadAcrossZones: true,
    secretEnv: { PGPASSWORD: { secretName: 'db', key: 'password' } },
    terminationGracePeriodSeconds: 45,
  });
  const [deployment] = chart.toJson() as Record<string, unknown>[];
  return deployment!;
}

describe('workloadDeployment', () => {
  it('selects pods by the fixed app.kubernetes.io labels only', () => {
    expect(renderDeployment('env-a')).toMatchObject({
      spec: {
        selector: {
          matchLabels: { 'app.kubernetes.io/name': 'worker', 'app.kubernetes.io/part-of': 'event-platform' },
        },
      },
    });
  });

  it('renders the same Deployment when its construct is renamed (selectors are immutable)', () => {
    expect(renderDeployment('renamed-chart')).toStrictEqual(renderDeployment('env-a'));
  });

  it('leaves replicas to the autoscaler', () => {
    expect(renderDeployment('env-a').spec).not.toHaveProperty('replicas');
  });

  it('runs with the restricted security context and a secret reference, never a value', () => {
    const text = JSON.stringify(renderDeployment('env-a'));
    expect(text).toContain('"capabilities":{"drop":["ALL"]}');
    expect(text).toContain('"seccompProfile":{"type":"RuntimeDefault"}');
    expect(text).toContain('"secretKeyRef":{"key":"password","name":"db"}');
    expect(text).toContain('"terminationGracePeriodSeconds":45');
    expect(text).not.toContain('cdk8s.io/metadata.addr');
  });
});
