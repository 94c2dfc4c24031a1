import type { Construct } from 'constructs';
import type { EnvConfig } from '../config/schema.js';
import { imageRef } from '../render/images.js';
import { componentService } from '../render/service.js';
import { workloadDeployment } from '../render/workload.js';

// Requests in flight finish well within this; it only bounds how long a stuck shutdown may take.
const API_TERMINATION_GRACE_SECONDS = 30;

/** The HTTP API that accepts events and produces them to Kafka. */
export function renderApi(scope: Construct, config: EnvConfig): void {
  workloadDeployment(scope, {
    component: 'api',
    namespace: config.namespace,
    image: imageRef(config, 'api'),
    port: config.api.port,
    portName: 'http',
    resources: config.api.resources,
    terminationGracePeriodSeconds: API_TERMINATION_GRACE_SECONDS,
    env: {
      PORT: String(config.api.port),
      KAFKA_BROKERS: config.kafka.bootstrapServers.join(','),
      KAFKA_TOPIC: config.kafka.topic.name,
    },
  });
  componentService(scope, 'api', config.namespace, config.api.port, 'http');
}
