import { ApiObject, JsonPatch } from 'cdk8s';
import type * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { API_SETTINGS } from '../../services/api/settings-contract.js';
import { settingsConfigMap } from '../render/config-map.js';
import { API_CLIENT_TOKENS, API_CLIENT_TOKENS_KEY } from './secrets.js';
import { podDisruptionBudget } from '../render/disruption.js';
import { scalingBehavior } from '../render/scaling-behavior.js';
import { serviceAccount } from '../render/identity.js';
import { imageRef } from '../render/images.js';
import { kafkaSettings } from '../render/kafka-env.js';
import { postgresPoolSettings, postgresSecretEnv } from '../render/postgres-env.js';
import { renderSettings } from '../render/settings.js';
import { componentLabels } from '../render/labels.js';
import { componentService } from '../render/service.js';
import { workloadDeployment } from '../render/workload.js';

// The API's drain and shutdown deadline, rendered into its settings: the grace period below follows from them.
const SHUTDOWN = {
  API_SHUTDOWN_DRAIN_MS: API_SETTINGS.API_SHUTDOWN_DRAIN_MS.default,
  API_SHUTDOWN_TIMEOUT_MS: API_SETTINGS.API_SHUTDOWN_TIMEOUT_MS.default,
};
const GRACE_MARGIN_SECONDS = 5;

/**
 * The preStop wait, then the API's own drain and shutdown deadline (services/api/main.ts), plus a margin: the
 * kubelet's SIGKILL never cuts a shutdown that is still within its own deadline.
 */
function apiTerminationGraceSeconds(shutdown: typeof SHUTDOWN): number {
  const shutdownSeconds = Math.ceil((shutdown.API_SHUTDOWN_DRAIN_MS + shutdown.API_SHUTDOWN_TIMEOUT_MS) / 1000);
  return PRE_STOP_SECONDS + shutdownSeconds + GRACE_MARGIN_SECONDS;
}

/** The HTTP API: Deployment, Service, ALB Ingress, HPA on CPU, PDB, ServiceAccount and its settings. */
export function renderApi(scope: Construct, config: EnvConfig): void {
  const { namespace, api } = config;
  const settings = settingsConfigMap(
    scope,
    'api',
    namespace,
    renderSettings('api', API_SETTINGS, {
      PORT: api.port,
      ...kafkaSettings(config),
      KAFKA_TOPIC: config.kafka.topic.name,
      ...(api.kafkaClient ? { API_KAFKA_CLIENT: api.kafkaClient } : {}),
      ...postgresPoolSettings(config),
      API_AUTH_TOKENS_FILE: `${CLIENT_TOKENS_DIR}/${API_CLIENT_TOKENS_KEY}`,
      ...SHUTDOWN,
    }),
  );
  const deployment = workloadDeployment(scope, {
    component: 'api',
    namespace,
    image: imageRef(config, 'api'),
    port: api.port,
    portName: 'http',
    resources: api.resources,
    serviceAccountName: serviceAccount(scope, config, { component: 'api', namespace, awsRole: true }),
    settings,
    secretEnv: postgresSecretEnv(config),
    terminationGracePeriodSeconds: apiTerminationGraceSeconds(SHUTDOWN),
    spreadAcrossZones: api.autoscaling.maxReplicas > 1,
  });
  mountClientTokens(deployment);
  componentService(scope, 'api', namespace, api.port, 'http');
  renderIngress(scope, config);
  renderHpa(scope, config);
  podDisruptionBudget(scope, 'api', namespace, api.disruption.maxUnavailable);
}

const CLIENT_TOKENS_DIR = '/var/run/secrets/api-client-tokens';

/**
 * The callers' token digests as a file (not an environment variable): the kubelet refreshes a mounted Secret in place,
 * and the API re-reads the file, so rotating or revoking a token needs no restart. Before the API stops, it waits a
 * little (preStop) so the load balancer has deregistered it before it refuses connections.
 */
function mountClientTokens(deployment: kplus.Deployment): void {
  const api = ApiObject.of(deployment);
  api.addJsonPatch(
    JsonPatch.add('/spec/template/spec/volumes/-', {
      name: 'client-tokens',
      secret: { secretName: API_CLIENT_TOKENS, defaultMode: 0o440 },
    }),
  );
  api.addJsonPatch(
    JsonPatch.add('/spec/template/spec/containers/0/volumeMounts/-', {
      name: 'client-tokens',
      mountPath: CLIENT_TOKENS_DIR,
      readOnly: true,
    }),
  );
  api.addJsonPatch(
    // exec rather than the sleep action: cdk8s-plus-27's Kubernetes types predate it and would drop it silently.
    JsonPatch.add('/spec/template/spec/containers/0/lifecycle', {
      preStop: { exec: { command: ['sleep', String(PRE_STOP_SECONDS)] } },
    }),
  );
}

// The ALB stops sending new requests within its deregistration delay of the target turning unready; waiting this long
// before SIGTERM keeps requests that were already routed from meeting a closed socket.
const PRE_STOP_SECONDS = 10;

function renderIngress(scope: Construct, config: EnvConfig): void {
  const { ingress, port } = config.api;
  const tls = ingress.certificateArn !== undefined;
  new k8s.KubeIngress(scope, 'api-ingress', {
    metadata: {
      name: 'api',
      namespace: config.namespace,
      labels: componentLabels('api'),
      // AWS Load Balancer Controller annotations: https://kubernetes-sigs.github.io/aws-load-balancer-controller/
      annotations: {
        'alb.ingress.kubernetes.io/scheme': ingress.scheme,
        // Target pods directly (not node ports), so the NetworkPolicy sees the ALB's addresses.
        'alb.ingress.kubernetes.io/target-type': 'ip',
        'alb.ingress.kubernetes.io/healthcheck-path': '/readyz',
        'alb.ingress.kubernetes.io/healthcheck-port': 'traffic-port',
        'alb.ingress.kubernetes.io/listen-ports': tls ? '[{"HTTPS":443}]' : '[{"HTTP":80}]',
        ...(tls
          ? {
              'alb.ingress.kubernetes.io/certificate-arn': ingress.certificateArn,
              'alb.ingress.kubernetes.io/ssl-policy': 'ELBSecurityPolicy-TLS13-1-2-2021-06',
            }
          : {}),
      },
    },
    spec: {
      ingressClassName: 'alb',
      rules: [
        {
          host: ingress.host,
          http: {
            // Only the events API is public: /metrics, /livez and /readyz stay inside the cluster.
            paths: [
              { path: '/events', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: port } } } },
            ],
          },
        },
      ],
    },
  });
}

function renderHpa(scope: Construct, config: EnvConfig): void {
  const { autoscaling } = config.api;
  new k8s.KubeHorizontalPodAutoscalerV2(scope, 'api-hpa', {
    metadata: { name: 'api', namespace: config.namespace, labels: componentLabels('api') },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'api' },
      minReplicas: autoscaling.minReplicas,
      maxReplicas: autoscaling.maxReplicas,
      metrics: [
        {
          type: 'Resource',
          resource: {
            name: 'cpu',
            target: { type: 'Utilization', averageUtilization: autoscaling.targetCpuUtilization },
          },
        },
      ],
      // Up fast (double within 30 s), down one pod a minute: a traffic dip must not shed capacity it needs back.
      behavior: scalingBehavior(
        autoscaling,
        { type: 'Percent', value: 100, periodSeconds: 30 },
        { type: 'Pods', value: 1, periodSeconds: 60 },
      ),
    },
  });
}
