import type { Construct } from 'constructs';
import type { EnvConfig } from '../config/schema.js';
import { imageRef } from '../render/images.js';
import { componentService } from '../render/service.js';
import { workloadDeployment } from '../render/workload.js';

/** The consumer that applies events to the ledger in PostgreSQL. */
export function renderWorker(scope: Construct, config: EnvConfig): void {
  workloadDeployment(scope, {
    component: 'worker',
    namespace: config.namespace,
    image: imageRef(config, 'worker'),
    port: config.worker.metricsPort,
    portName: 'metrics',
    resources: config.worker.resources,
    terminationGracePeriodSeconds: config.worker.terminationGracePeriodSeconds,
    env: {
      WORKER_MODE: config.worker.mode,
      METRICS_PORT: String(config.worker.metricsPort),
      KAFKA_BROKERS: config.kafka.bootstrapServers.join(','),
      KAFKA_TOPIC: config.kafka.topic.name,
      KAFKA_DEAD_LETTER_TOPIC: config.kafka.deadLetterTopic.name,
      KAFKA_CONSUMER_GROUP: config.kafka.consumerGroup,
      PGHOST: config.postgres.host,
      PGPORT: String(config.postgres.port),
      PGDATABASE: config.postgres.database,
    },
    secretEnv: {
      PGUSER: {
        secretName: config.postgres.credentialsSecret.name,
        key: config.postgres.credentialsSecret.usernameKey,
      },
      PGPASSWORD: {
        secretName: config.postgres.credentialsSecret.name,
        key: config.postgres.credentialsSecret.passwordKey,
      },
    },
  });
  // The worker's Service exists for metrics scraping only; it receives no traffic.
  componentService(scope, 'worker', config.namespace, config.worker.metricsPort, 'metrics');
}
