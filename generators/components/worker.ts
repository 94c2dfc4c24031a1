import { ApiObject, JsonPatch } from 'cdk8s';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { SCHEMA_READY_SETTINGS } from '../../services/bootstrap/settings-contract.js';
import { WORKER_SETTINGS } from '../../services/worker/settings-contract.js';
import { apiObject } from '../render/api-objects.js';
import { settingsConfigMap } from '../render/config-map.js';
import { podDisruptionBudget } from '../render/disruption.js';
import { scalingBehavior } from '../render/scaling-behavior.js';
import { serviceAccount } from '../render/identity.js';
import { imageRef } from '../render/images.js';
import { kafkaSettings } from '../render/kafka-env.js';
import { postgresPoolSettings, postgresSecretEnv, postgresSettings } from '../render/postgres-env.js';
import { renderSettings } from '../render/settings.js';
import { componentLabels } from '../render/labels.js';
import { componentService } from '../render/service.js';
import { EPHEMERAL_STORAGE, RESTRICTED_CONTAINER_SECURITY, workloadDeployment } from '../render/workload.js';
import { nodeHeapOptions } from '../render/node-heap.js';

// The worker stops this long before the kubelet's SIGKILL, so its shutdown can still commit or abandon cleanly.
const SHUTDOWN_MARGIN_SECONDS = 5;

/** The consumer that applies events to the ledger: Deployment, KEDA ScaledObject on lag, PDB, ServiceAccount. */
export function renderWorker(scope: Construct, config: EnvConfig): void {
  const { namespace, worker } = config;
  const settings = settingsConfigMap(
    scope,
    'worker',
    namespace,
    renderSettings('worker', WORKER_SETTINGS, {
      WORKER_MODE: worker.mode,
      METRICS_PORT: worker.metricsPort,
      ...kafkaSettings(config),
      KAFKA_TOPIC: config.kafka.topic.name,
      KAFKA_DEAD_LETTER_TOPIC: config.kafka.deadLetterTopic.name,
      KAFKA_CONSUMER_GROUP: config.kafka.consumerGroup,
      ...postgresPoolSettings(config),
      WORKER_SHUTDOWN_TIMEOUT_MS: (worker.terminationGracePeriodSeconds - SHUTDOWN_MARGIN_SECONDS) * 1000,
      // The dedup window follows the topic's retention (services/db/retention.ts adds the key window and a margin).
      EVENTS_TOPIC_RETENTION_HOURS: config.kafka.topic.retentionHours,
    }),
  );
  const deployment = workloadDeployment(scope, {
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
  ApiObject.of(deployment).addJsonPatch(
    JsonPatch.add('/spec/template/spec/initContainers', [schemaReadyContainer(config)]),
  );
  // The worker's Service exists for metrics scraping only; it receives no traffic.
  componentService(scope, 'worker', namespace, worker.metricsPort, 'metrics');
  renderScaledObject(scope, config);
  renderTriggerAuthentication(scope, config);
  podDisruptionBudget(scope, 'worker', namespace, worker.disruption.maxUnavailable);
}

const KAFKA_TRIGGER_AUTH = 'worker-kafka';

function quantities(amounts: Record<string, string>): Record<string, k8s.Quantity> {
  return Object.fromEntries(Object.entries(amounts).map(([name, value]) => [name, k8s.Quantity.fromString(value)]));
}

/** KEDA reads the lag over TLS, with an IAM token for MSK (keda.sh docs, scalers/apache-kafka: AWS MSK IAM). */
function kedaKafkaAuth(config: EnvConfig): Record<string, string> {
  const tls = { tls: 'enable' };
  if (config.kafka.auth === 'tls') return tls;
  return { ...tls, sasl: 'oauthbearer', saslTokenProvider: 'aws_msk_iam', awsRegion: config.aws.region };
}

/**
 * The identity KEDA reads the lag with over MSK IAM: the keda-operator's own IRSA role, which may only describe the
 * events topic and the worker's group (infra/access/kafka.ts lagReaderKafkaAccess). The worker's role could also
 * write, so borrowing it (identityOwner: workload) would give the scaler more than it needs.
 */
function renderTriggerAuthentication(scope: Construct, config: EnvConfig): void {
  apiObject(scope, {
    apiVersion: 'keda.sh/v1alpha1',
    kind: 'TriggerAuthentication',
    name: KAFKA_TRIGGER_AUTH,
    namespace: config.namespace,
    labels: componentLabels('worker'),
    body: { spec: { podIdentity: { provider: 'aws', identityOwner: 'keda' } } },
  });
}

const SCHEMA_READY_MEMORY_LIMIT_MIB = 128;

/**
 * Holds the worker back until every migration its image carries is applied (the PreSync hook applies them), so it
 * never consumes against an older schema, whatever order pods and hooks run in.
 */
function schemaReadyContainer(config: EnvConfig): Record<string, unknown> {
  // Its own settings, not the worker's ConfigMap: it reads the connection only (services/bootstrap/settings.ts).
  const env = renderSettings('schema-ready', SCHEMA_READY_SETTINGS, postgresSettings(config));
  return {
    name: 'schema-ready',
    image: imageRef(config, 'worker'),
    imagePullPolicy: 'IfNotPresent',
    command: ['node', 'dist/services/bootstrap/schema-ready.js'],
    env: [
      { name: 'NODE_OPTIONS', value: nodeHeapOptions(SCHEMA_READY_MEMORY_LIMIT_MIB) },
      ...Object.entries(env).map(([name, value]) => ({ name, value })),
      ...Object.entries(postgresSecretEnv(config)).map(([name, ref]) => ({
        name,
        valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.key } },
      })),
    ],
    // Quantities, not strings: this patch is applied before the L1 conversion, which drops plain strings (cdk8s#2172).
    resources: {
      requests: quantities({ cpu: '10m', memory: '64Mi', 'ephemeral-storage': EPHEMERAL_STORAGE.request }),
      limits: quantities({
        cpu: '200m',
        memory: `${SCHEMA_READY_MEMORY_LIMIT_MIB}Mi`,
        'ephemeral-storage': EPHEMERAL_STORAGE.limit,
      }),
    },
    securityContext: RESTRICTED_CONTAINER_SECURITY,
  };
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
              ...kedaKafkaAuth(config),
            },
            authenticationRef: { name: KAFKA_TRIGGER_AUTH },
          },
        ],
      },
    },
  });
}
