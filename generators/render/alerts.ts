import type { EnvConfig } from '../../config/schema.js';
import { DRILLS, drillOverdueSeconds } from './drill-schedule.js';

export type Severity = 'page' | 'ticket';

/** One alerting rule; its runbook is docs/runbooks/<name>.md (a test keeps the two in step). */
export interface AlertDefinition {
  readonly name: string;
  readonly severity: Severity;
  readonly for: string;
  readonly summary: string;
  readonly description: string;
  readonly expr: (config: EnvConfig) => string;
}

const ns = (config: EnvConfig) => `namespace="${config.namespace}"`;

// What clients call: probes (/livez, /readyz) and scrapes (/metrics) are not requests to the service, and a kubelet
// probing every few seconds would otherwise dilute (or, while unready, inflate) the error ratio.
const EVENT_ROUTES = 'route=~"/events.*"';

/** The start time of each drill's latest Job with the given outcome, by namespace and CronJob (kube-state-metrics). */
function latestRun(config: EnvConfig, outcome: 'failed' | 'succeeded'): string {
  const owner = `kube_job_owner{${ns(config)}, owner_kind="CronJob", owner_name=~"${DRILLS.join('|')}"}`;
  const runs = `kube_job_status_start_time{${ns(config)}} * on (namespace, job_name) group_left (owner_name) ${owner} and on (namespace, job_name) (kube_job_status_${outcome}{${ns(config)}} > 0)`;
  return `max by (namespace, cronjob) (label_replace(${runs}, "cronjob", "$1", "owner_name", "(.*)"))`;
}

/**
 * A drill's latest finished run failed (it started after its latest passing run, or none passed yet), or no run
 * has passed for longer than its schedule allows (a CronJob that stopped running, or runs that never finish). A
 * suspended drill is left alone. It clears when a run passes.
 */
function drillFailedExpr(config: EnvConfig): string {
  const failed = `${latestRun(config, 'failed')} > on (namespace, cronjob) (${latestRun(config, 'succeeded')} or on (namespace, cronjob) (0 * ${latestRun(config, 'failed')}))`;
  const overdue = DRILLS.map(
    (drill) =>
      `(time() - max by (namespace, cronjob) (kube_cronjob_status_last_successful_time{${ns(config)}, cronjob="${drill}"} or kube_cronjob_created{${ns(config)}, cronjob="${drill}"}) > ${drillOverdueSeconds(config, drill)})`,
  );
  return `((${failed}) or ${overdue.join(' or ')}) unless on (namespace, cronjob) (kube_cronjob_spec_suspend{${ns(config)}} == 1)`;
}

/** The SLO alerts of the platform, thresholds from env.yaml's observability.slo. */
export const ALERTS: readonly AlertDefinition[] = [
  {
    name: 'EventsApiLatencyHigh',
    severity: 'page',
    for: '10m',
    summary: 'API p95 latency is above its SLO',
    description: 'p95 of POST /events latency over 5m is {{ $value | humanizeDuration }}.',
    expr: (c) =>
      `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${ns(c)}, route=~"/events.*"}[5m]))) > ${c.observability.slo.apiLatencyP95Seconds}`,
  },
  {
    name: 'EventsApiErrorRatioHigh',
    severity: 'page',
    for: '5m',
    summary: 'The API answers too many 5xx',
    description:
      '{{ $value | humanizePercentage }} of API requests ended in 5xx over 5m (Kafka unavailable or overloaded).',
    expr: (c) =>
      `sum(rate(http_request_duration_seconds_count{${ns(c)}, ${EVENT_ROUTES}, status_code=~"5.."}[5m])) / sum(rate(http_request_duration_seconds_count{${ns(c)}, ${EVENT_ROUTES}}[5m])) > ${c.observability.slo.apiErrorRatio}`,
  },
  {
    name: 'WorkerConsumerLagHigh',
    severity: 'page',
    for: '10m',
    summary: 'The worker is falling behind the events topic',
    description: 'Consumer lag is {{ $value }} messages and has stayed above the SLO for 10m.',
    // Every replica reports the whole group's lag (read from the broker), so one value per partition, then the sum.
    expr: (c) =>
      `sum(max by (topic, partition) (worker_consumer_lag{${ns(c)}})) > ${c.observability.slo.consumerLagMax}`,
  },
  {
    name: 'WorkerDown',
    severity: 'page',
    for: '5m',
    summary: 'No worker replica is available',
    description: 'The worker Deployment has had no available replica for 5m; events are not being applied.',
    expr: (c) => `max(kube_deployment_status_replicas_available{${ns(c)}, deployment="worker"}) < 1`,
  },
  {
    name: 'WorkerProcessingErrors',
    severity: 'page',
    for: '10m',
    summary: 'The worker keeps retrying: a dependency is failing',
    description:
      'The worker retries {{ $value }} writes per second for a reason other than the events (PostgreSQL down, read-only or timing out, or the dead-letter topic unavailable); its partitions wait.',
    expr: (c) =>
      `sum(rate(worker_transient_failures_total{${ns(c)}}[5m])) > ${c.observability.slo.processingErrorsPerSecond}`,
  },
  {
    name: 'DeadLetterGrowth',
    severity: 'ticket',
    for: '0m',
    summary: 'Messages are going to the dead-letter topic',
    description: '{{ $value }} messages were dead-lettered in the last hour.',
    expr: (c) =>
      `sum(increase(worker_dead_lettered_total{${ns(c)}}[1h])) > ${c.observability.slo.deadLetterGrowthPerHour}`,
  },
  {
    name: 'DrillFailed',
    severity: 'ticket',
    for: '0m',
    summary: 'A chaos or restore drill failed, or has not passed for longer than its schedule allows',
    description:
      'The latest run of {{ $labels.cronjob }} failed, or none has passed for longer than its schedule allows: the system did not survive the drill, the backup did not restore, or the drill stopped running.',
    expr: drillFailedExpr,
  },
];

export function runbookUrl(config: EnvConfig, alert: string): string {
  return `${config.observability.runbookBaseUrl}/${alert}.md`;
}
