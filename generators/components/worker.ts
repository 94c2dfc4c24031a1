import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from '../render/api-objects.js';
import { settingsConfigMap } from '../render/config-map.js';
import { podDisruptionBudget } from '../render/disruption.js';
import { scalingBehavior } from '../render/scaling-behavior.js';
import { serviceAccount } from '../render/identity.js';
import { imageRef } from '../render/images.js';
import { postgresSecretEnv, postgresSettings } from '../render/postgres-env.js';
import { componentLabels } from '../render/labels.js';
import { componentService } from '../render/service.js';
import { workloadDeployment } from '../render/workload.js';

// The worker stops this long before the kubelet's SIGKILL, so its shutdown can still commit or abandon cleanly.
const SHUTDOWN_MARGIN_SECONDS = 5;

/** The consumer that applies events to the ledger: Deployment, KEDA ScaledObject on lag, PDB, ServiceAccount. */
export function renderWorker(scope: Construct, config: EnvConfig): void {
  const { namespace, worker } = config;
  const settings = settingsConfigMap(scope, 'worker', namespace, {
    WORKER_MODE: worker.mode,
    METRICS_PORT: String(worker.metricsPort),
    KAFKA_BROKERS: config.kafka.bootstrapServers.join(','),
    KAFKA_TOPIC: config.kafka.topic.name,
    KAFKA_DEAD_LETTER_TOPIC: config.kafka.deadLetterTopic.name,
    KAFKA_CONSUMER_GROUP: config.kafka.consumerGroup,
    ...postgresSettings(config),
    WORKER_SHUTDOWN_TIMEOUT_MS: String((worker.terminationGracePeriodSeconds - SHUTDOWN_MARGIN_SECONDS) * 1000),
  });
  workloadDeployment(scope, {
    component: 'worker',
    namespace,
    image: imageRef(config, 'worker'),
    port: worker.metricsPort,
    portName: 'metrics',
    resources: worker.resources,
    serviceAccountName: serviceAccount(scope, config, { component: 'worker', namespace, awsRole: true }),
    settings,
    secretEnv: postgresSecretEnv(config),
    terminationGracePeriodSeconds: worker.terminationGracePeriodSeconds,
    spreadAcrossZones: worker.autoscaling.maxReplicas > 1,
  });
  // The worker's Service exists for metrics scraping only; it receives no traffic.
  componentService(scope, 'worker', namespace, worker.metricsPort, 'metrics');
  renderScaledObject(scope, config);
  podDisruptionBudget(scope, 'worker', namespace, worker.disruption.maxUnavailable);
}

/**
 * KEDA scales the worker on consumer lag: replicas ≈ lag / lagThreshold, never above the partition count (a consumer
 * without a partition idles and only adds rebalances). Every scale step is a group rebalance, so the stabilization
 * windows keep instantaneous lag from flapping the replica count.
 */
function renderScaledObject(scope: Construct, config: EnvConfig): void {
  const { autoscaling } = config.worker;
  apiObject(scope, {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'ScaledObject',
    name: 'worker',
    namespace: config.namespace,
    labels: componentLabels('worker'),
    body: {
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'worker' },
        pollingInterval: autoscaling.pollingIntervalSeconds,
        minReplicaCount: autoscaling.minReplicas,
        maxReplicaCount: Math.min(autoscaling.maxReplicas, config.kafka.topic.partitions),
        advanced: {
          horizontalPodAutoscalerConfig: {
            name: 'worker',
            // Every step is a group rebalance: at most two pods a minute up, one every two minutes down.
            behavior: scalingBehavior(
              autoscaling,
              { type: 'Pods', value: 2, periodSeconds: 60 },
              { type: 'Pods', value: 1, periodSeconds: 120 },
            ),
          },
        },
        triggers: [
          {
            type: 'kafka',
            metadata: {
              bootstrapServers: config.kafka.bootstrapServers.join(','),
              consumerGroup: config.kafka.consumerGroup,
              topic: config.kafka.topic.name,
              lagThreshold: String(autoscaling.lagThreshold),
              activationLagThreshold: String(autoscaling.activationLagThreshold),
              // A new group starts at the beginning, so its lag is the whole backlog.
              offsetResetPolicy: 'earliest',
              allowIdleConsumers: 'false',
            },
          },
        ],
      },
    },
  });
}
