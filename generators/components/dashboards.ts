import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import type { Component } from '../render/labels.js';
import { componentLabels } from '../render/labels.js';

interface Panel {
  readonly title: string;
  readonly expr: string;
  readonly unit: string;
}

function dashboard(uid: string, title: string, panels: Panel[]): string {
  const body = {
    uid,
    title,
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    panels: panels.map((p, index) => ({
      id: index + 1,
      type: 'timeseries',
      title: p.title,
      datasource: { type: 'prometheus', uid: '${datasource}' },
      gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
      fieldConfig: { defaults: { unit: p.unit }, overrides: [] },
      targets: [{ refId: 'A', expr: p.expr }],
    })),
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus' }] },
  };
  return `${JSON.stringify(body, null, 2)}\n`;
}

function panelsFor(config: EnvConfig, component: Component): Panel[] {
  const ns = `namespace="${config.namespace}"`;
  if (component === 'api') {
    return [
      { title: 'Accepted events/s', expr: `sum(rate(api_events_accepted_total{${ns}}[5m]))`, unit: 'ops' },
      {
        title: 'Rejected events/s by reason',
        expr: `sum by (reason) (rate(api_events_rejected_total{${ns}}[5m]))`,
        unit: 'ops',
      },
      {
        title: 'p95 latency',
        expr: `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${ns}}[5m])))`,
        unit: 's',
      },
      { title: 'Events waiting for Kafka', expr: `sum(api_pending_events{${ns}})`, unit: 'short' },
    ];
  }
  return [
    { title: 'Applied events/s', expr: `sum(rate(worker_events_processed_total{${ns}}[5m]))`, unit: 'ops' },
    { title: 'Consumer lag', expr: `sum(max by (topic, partition) (worker_consumer_lag{${ns}}))`, unit: 'short' },
    { title: 'Duplicates skipped/s', expr: `sum(rate(worker_duplicates_skipped_total{${ns}}[5m]))`, unit: 'ops' },
    {
      title: 'Dead-lettered/s by kind',
      expr: `sum by (kind) (rate(worker_dead_lettered_total{${ns}}[5m]))`,
      unit: 'ops',
    },
    {
      title: 'Batch duration p95',
      expr: `histogram_quantile(0.95, sum by (le) (rate(worker_batch_duration_seconds_bucket{${ns}}[5m])))`,
      unit: 's',
    },
    { title: 'Replicas', expr: `kube_deployment_status_replicas{${ns}, deployment="worker"}`, unit: 'short' },
  ];
}

/** One Grafana dashboard per service, as a ConfigMap the Grafana dashboard sidecar picks up by label. */
export function renderDashboards(scope: Construct, config: EnvConfig): void {
  for (const component of ['api', 'worker'] as const) {
    new k8s.KubeConfigMap(scope, `${component}-dashboard`, {
      metadata: {
        name: `dashboard-${component}`,
        namespace: config.namespace,
        labels: { ...componentLabels(component), grafana_dashboard: '1' },
      },
      data: {
        [`${component}.json`]: dashboard(
          `${config.name}-${component}`,
          `Event platform ${config.name}: ${component}`,
          panelsFor(config, component),
        ),
      },
    });
  }
}
