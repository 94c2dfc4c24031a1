import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Metric names of the API, in one place: dashboards and alert rules refer to these. */
export const API_METRIC_NAMES = {
  requestDuration: 'http_request_duration_seconds',
  eventsAccepted: 'api_events_accepted_total',
  eventsRejected: 'api_events_rejected_total',
  produceErrors: 'api_kafka_produce_errors_total',
  produceDuration: 'api_kafka_produce_duration_seconds',
  pendingEvents: 'api_pending_events',
} as const;

export interface ApiMetrics {
  readonly registry: Registry;
  readonly requestDuration: Histogram<'method' | 'route' | 'status_code'>;
  readonly eventsAccepted: Counter;
  readonly eventsRejected: Counter<'reason'>;
  readonly produceErrors: Counter;
  readonly produceDuration: Histogram;
  readonly pendingEvents: Gauge;
}

/** A registry of its own per app instance, so tests can build several apps in one process. */
export function createApiMetrics(): ApiMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  return {
    registry,
    requestDuration: new Histogram({
      name: API_METRIC_NAMES.requestDuration,
      help: 'HTTP request duration by method, route and status code',
      labelNames: ['method', 'route', 'status_code'],
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    eventsAccepted: new Counter({
      name: API_METRIC_NAMES.eventsAccepted,
      help: 'Events acknowledged by Kafka and answered with 2xx',
      registers: [registry],
    }),
    eventsRejected: new Counter({
      name: API_METRIC_NAMES.eventsRejected,
      help: 'Events refused, by reason (the error code)',
      labelNames: ['reason'],
      registers: [registry],
    }),
    produceErrors: new Counter({
      name: API_METRIC_NAMES.produceErrors,
      help: 'Produce requests to Kafka that failed or timed out',
      registers: [registry],
    }),
    produceDuration: new Histogram({
      name: API_METRIC_NAMES.produceDuration,
      help: 'Time for Kafka to acknowledge one produce request (acks=all)',
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    pendingEvents: new Gauge({
      name: API_METRIC_NAMES.pendingEvents,
      help: 'Events accepted into memory and not yet acknowledged by Kafka',
      registers: [registry],
    }),
  };
}
