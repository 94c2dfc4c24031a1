import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { ALERTS, runbookUrl } from '../render/alerts.js';
import { apiObject } from '../render/api-objects.js';
import type { Component } from '../render/labels.js';
import { componentLabels, platformLabels, selectorLabels } from '../render/labels.js';

function serviceMonitor(scope: Construct, config: EnvConfig, component: Component, port: string): void {
  apiObject(scope, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'ServiceMonitor',
    name: component,
    namespace: config.namespace,
    labels: { ...componentLabels(component), ...config.observability.prometheusSelectorLabels },
    body: {
      spec: {
        selector: { matchLabels: selectorLabels(component) },
        endpoints: [{ port, path: '/metrics', interval: '30s', scrapeTimeout: '10s' }],
      },
    },
  });
}

/** Scrape targets for both services and the SLO alerts, each alert linking to its runbook. */
export function renderObservability(scope: Construct, config: EnvConfig): void {
  serviceMonitor(scope, config, 'api', 'http');
  serviceMonitor(scope, config, 'worker', 'metrics');
  apiObject(scope, {
    apiVersion: 'monitoring.coreos.com/v1',
    kind: 'PrometheusRule',
    name: 'event-platform-slos',
    namespace: config.namespace,
    labels: { ...platformLabels(), ...config.observability.prometheusSelectorLabels },
    body: {
      spec: {
        groups: [
          {
            name: 'event-platform.slos',
            rules: ALERTS.map((alert) => ({
              alert: alert.name,
              expr: alert.expr(config),
              for: alert.for,
              labels: { severity: alert.severity, environment: config.name },
              annotations: {
                summary: alert.summary,
                description: alert.description,
                runbook_url: runbookUrl(config, alert.name),
              },
            })),
          },
        ],
      },
    },
  });
}
