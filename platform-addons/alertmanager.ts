/**
 * Alertmanager's configuration, as kube-prometheus-stack installs it (`alertmanager.config`) and as
 * `npm run test:alerts` checks it with amtool. Pages go to PagerDuty, tickets to Slack; their credentials are files of
 * the `alertmanager-receivers` Secret (synced from AWS Secrets Manager), never values here.
 */
export const ALERTMANAGER_RECEIVERS_SECRET = 'alertmanager-receivers';
export const RECEIVER_KEYS = { pagerDutyRoutingKey: 'pagerduty-routing-key', slackWebhookUrl: 'slack-webhook-url' };

// Where the Prometheus Operator mounts each Secret listed in alertmanagerSpec.secrets.
const secretFile = (key: string) => `/etc/alertmanager/secrets/${ALERTMANAGER_RECEIVERS_SECRET}/${key}`;

export function alertmanagerConfig(): Record<string, unknown> {
  return {
    global: { resolve_timeout: '5m' },
    route: {
      receiver: 'ticket',
      group_by: ['alertname', 'namespace'],
      group_wait: '30s',
      group_interval: '5m',
      repeat_interval: '12h',
      routes: [
        // The always-firing dead man's switch and the info inhibitor are plumbing, not news.
        { receiver: 'null', matchers: ['alertname =~ "Watchdog|InfoInhibitor"'] },
        // The platform's own alerts say page or ticket; the chart's say critical, warning or info.
        { receiver: 'page', matchers: ['severity =~ "page|critical"'] },
        { receiver: 'ticket', matchers: ['severity =~ "ticket|warning"'] },
        { receiver: 'null', matchers: ['severity = "info"'] },
      ],
    },
    inhibit_rules: [
      // A page silences the ticket of the same alert in the same namespace.
      {
        source_matchers: ['severity =~ "page|critical"'],
        target_matchers: ['severity =~ "ticket|warning|info"'],
        equal: ['namespace', 'alertname'],
      },
    ],
    receivers: [
      { name: 'null' },
      {
        name: 'page',
        pagerduty_configs: [{ routing_key_file: secretFile(RECEIVER_KEYS.pagerDutyRoutingKey), send_resolved: true }],
      },
      {
        name: 'ticket',
        slack_configs: [{ api_url_file: secretFile(RECEIVER_KEYS.slackWebhookUrl), send_resolved: true }],
      },
    ],
  };
}

/**
 * EKS runs the control plane: etcd, the scheduler, the controller manager (and kube-proxy's metrics, bound to
 * localhost) cannot be scraped, so their alerts would fire forever as "target down". Neither scraped nor alerted on.
 */
export const EKS_UNREACHABLE_COMPONENTS = ['kubeEtcd', 'kubeScheduler', 'kubeControllerManager', 'kubeProxy'] as const;
export const EKS_UNSATISFIABLE_RULE_GROUPS = [
  'etcd',
  'kubeSchedulerAlerting',
  'kubeSchedulerRecording',
  'kubeControllerManager',
  'kubeProxy',
] as const;
