import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { settingsConfigMap } from '../render/config-map.js';
import { podDisruptionBudget } from '../render/disruption.js';
import { scalingBehavior } from '../render/scaling-behavior.js';
import { serviceAccount } from '../render/identity.js';
import { imageRef } from '../render/images.js';
import { kafkaSettings } from '../render/kafka-env.js';
import { postgresSecretEnv, postgresSettings } from '../render/postgres-env.js';
import { componentLabels } from '../render/labels.js';
import { componentService } from '../render/service.js';
import { workloadDeployment } from '../render/workload.js';

// Requests in flight finish well within this; it only bounds how long a stuck shutdown may take.
const API_TERMINATION_GRACE_SECONDS = 30;

/** The HTTP API: Deployment, Service, ALB Ingress, HPA on CPU, PDB, ServiceAccount and its settings. */
export function renderApi(scope: Construct, config: EnvConfig): void {
  const { namespace, api } = config;
  const settings = settingsConfigMap(scope, 'api', namespace, {
    PORT: String(api.port),
    ...kafkaSettings(config),
    KAFKA_TOPIC: config.kafka.topic.name,
    ...postgresSettings(config),
  });
  workloadDeployment(scope, {
    component: 'api',
    namespace,
    image: imageRef(config, 'api'),
    port: api.port,
    portName: 'http',
    resources: api.resources,
    serviceAccountName: serviceAccount(scope, config, { component: 'api', namespace, awsRole: true }),
    settings,
    secretEnv: postgresSecretEnv(config),
    terminationGracePeriodSeconds: API_TERMINATION_GRACE_SECONDS,
    spreadAcrossZones: api.autoscaling.maxReplicas > 1,
  });
  componentService(scope, 'api', namespace, api.port, 'http');
  renderIngress(scope, config);
  renderHpa(scope, config);
  podDisruptionBudget(scope, 'api', namespace, api.disruption.maxUnavailable);
}

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
            paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name: 'api', port: { number: port } } } }],
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
