import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { ALERTMANAGER_RECEIVERS_SECRET, RECEIVER_KEYS } from '../../platform-addons/alertmanager.js';
import { GRAFANA_ADMIN_SECRET, addonNamespace } from '../../platform-addons/catalog.js';
import { externalSecret, fromRemote, secretStore } from '../render/external-secrets.js';
import { platformLabels } from '../render/labels.js';

export const MONITORING_SECRETS_READER = 'monitoring-secrets-reader';

/**
 * What kube-prometheus-stack reads from Secrets: the Alertmanager receivers' credentials and Grafana's admin login.
 * Rendered here (with the monitoring namespace itself) so the prerequisites Application syncs them before the chart's
 * Alertmanager and Grafana start and mount them.
 */
export function renderMonitoringSecrets(scope: Construct, config: EnvConfig): void {
  const namespace = addonNamespace('kube-prometheus-stack');
  const { secrets } = config.observability;
  new k8s.KubeNamespace(scope, 'monitoring-namespace', { metadata: { name: namespace, labels: platformLabels() } });
  secretStore(scope, config, namespace, MONITORING_SECRETS_READER);
  externalSecret(
    scope,
    namespace,
    ALERTMANAGER_RECEIVERS_SECRET,
    fromRemote(secrets.alertmanagerReceivers, {
      [RECEIVER_KEYS.pagerDutyRoutingKey]: 'pagerduty-routing-key',
      [RECEIVER_KEYS.slackWebhookUrl]: 'slack-webhook-url',
    }),
  );
  externalSecret(
    scope,
    namespace,
    GRAFANA_ADMIN_SECRET,
    fromRemote(secrets.grafanaAdmin, { 'admin-user': 'username', 'admin-password': 'password' }),
  );
}
