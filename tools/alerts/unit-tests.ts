import type { EnvConfig } from '../../config/schema.js';
import { API_METRIC_NAMES } from '../../services/api/metrics.js';
import { WORKER_METRIC_NAMES } from '../../services/worker/metrics.js';

/**
 * promtool unit tests for one environment's rendered PrometheusRule, on series named exactly as the services export
 * them (the names come from the services' own metric registries, so a rename fails here). Thresholds come from the
 * environment's env.yaml, so every environment is tested against its own SLOs.
 */
export function alertUnitTests(config: EnvConfig, rulesFile: string): Record<string, unknown> {
  const ns = config.namespace;
  const requests = `${API_METRIC_NAMES.requestDuration}_count`;
  const { slo } = config.observability;
  const perMinute = (n: number) => `0+${n}x30`; // a counter rising n per minute, sampled every minute for 30 minutes
  const labels = (extra: string) => `{namespace="${ns}", ${extra}}`;
  const common = { eval_time: '20m' };
  return {
    rule_files: [rulesFile],
    evaluation_interval: '1m',
    tests: [
      {
        interval: '1m',
        input_series: [
          // Errors above the SLO on the events route: 100 requests a minute, of which (SLO × 2) answered 503.
          {
            series: `${requests}${labels('method="POST", route="/events", status_code="202"')}`,
            values: perMinute(100),
          },
          {
            series: `${requests}${labels('method="POST", route="/events", status_code="503"')}`,
            values: perMinute(Math.ceil(slo.apiErrorRatio * 2 * 100)),
          },
        ],
        alert_rule_test: [
          {
            ...common,
            alertname: 'EventsApiErrorRatioHigh',
            exp_alerts: [{ exp_labels: { severity: 'page', environment: config.name } }],
          },
        ],
      },
      {
        interval: '1m',
        input_series: [
          // A pod failing its readiness probe answers 503 to the kubelet: that is not an error of the service.
          {
            series: `${requests}${labels('method="POST", route="/events", status_code="202"')}`,
            values: perMinute(100),
          },
          {
            series: `${requests}${labels('method="GET", route="/readyz", status_code="503"')}`,
            values: perMinute(100),
          },
        ],
        alert_rule_test: [{ ...common, alertname: 'EventsApiErrorRatioHigh', exp_alerts: [] }],
      },
      {
        interval: '1m',
        input_series: [
          // Two replicas report the same partition's lag: it counts once, and stays above the SLO.
          {
            series: `${WORKER_METRIC_NAMES.lag}${labels(`pod="worker-a", topic="${config.kafka.topic.name}", partition="0"`)}`,
            values: `${slo.consumerLagMax + 1}x30`,
          },
          {
            series: `${WORKER_METRIC_NAMES.lag}${labels(`pod="worker-b", topic="${config.kafka.topic.name}", partition="0"`)}`,
            values: `${slo.consumerLagMax + 1}x30`,
          },
        ],
        alert_rule_test: [
          {
            ...common,
            alertname: 'WorkerConsumerLagHigh',
            exp_alerts: [{ exp_labels: { severity: 'page', environment: config.name } }],
          },
        ],
      },
      {
        interval: '1m',
        input_series: [
          {
            series: `${WORKER_METRIC_NAMES.deadLettered}${labels('kind="invalid-contract"')}`,
            values: `0+${Math.ceil((slo.deadLetterGrowthPerHour + 60) / 60)}x90`,
          },
        ],
        alert_rule_test: [
          {
            eval_time: '70m',
            alertname: 'DeadLetterGrowth',
            exp_alerts: [{ exp_labels: { severity: 'ticket', environment: config.name } }],
          },
        ],
      },
      {
        interval: '1m',
        input_series: [
          {
            series: `kube_deployment_status_replicas_available{namespace="${ns}", deployment="worker"}`,
            values: '0x30',
          },
        ],
        alert_rule_test: [
          {
            ...common,
            alertname: 'WorkerDown',
            exp_alerts: [{ exp_labels: { severity: 'page', environment: config.name } }],
          },
        ],
      },
    ],
  };
}
