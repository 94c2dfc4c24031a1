import { ApiObject, Duration, JsonPatch, Size } from 'cdk8s';
import * as kplus from 'cdk8s-plus-27';
import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { cpuMillis, memoryMebibytes } from '../../config/quantities.js';
import type { EnvConfig } from '../../config/schema.js';
import { CONFIG_CHECKSUM_ANNOTATION } from './config-map.js';
import type { Component } from './labels.js';
import { componentLabels, selectorLabels } from './labels.js';
import { nodeHeapOptions, youngGenerationOf } from './node-heap.js';

// A fixed non-root uid/gid: images are built to run as it, and the restricted Pod Security Standard requires non-root.
export const RUN_AS = 10001;

export const RELOAD_ON_SECRETS = 'secret.reloader.stakater.com/reload';

export interface WorkloadProps {
  readonly component: Component;
  readonly namespace: string;
  readonly image: string;
  readonly port: number;
  readonly portName: string;
  readonly resources: EnvConfig['api']['resources'];
  readonly serviceAccountName: string;
  /** The component's settings: every key of this ConfigMap becomes an environment variable. */
  readonly settings: { readonly name: string; readonly checksum: string };
  /** Environment variables read from Secrets: only the reference is rendered, never a value. */
  readonly secretEnv?: Record<string, { readonly secretName: string; readonly key: string }>;
  readonly terminationGracePeriodSeconds: number;
  /** Spread replicas over availability zones (when the workload may run more than one). */
  readonly spreadAcrossZones: boolean;
}

/**
 * Scratch space for /tmp (the root filesystem is read-only): bounded, so a runaway write evicts one pod instead of
 * filling the node's disk. The same everywhere, so a constant rather than a value of env.yaml.
 */
export const EPHEMERAL_STORAGE = { request: '64Mi', limit: '256Mi' } as const;

function containerResources(r: WorkloadProps['resources']): kplus.ContainerResources {
  return {
    cpu: { request: kplus.Cpu.millis(cpuMillis(r.requests.cpu)), limit: kplus.Cpu.millis(cpuMillis(r.limits.cpu)) },
    memory: {
      request: Size.mebibytes(memoryMebibytes(r.requests.memory)),
      limit: Size.mebibytes(memoryMebibytes(r.limits.memory)),
    },
  };
}

/** The restricted Pod Security Standard for one container, as plain data (also used for Jobs and CronJobs). */
export const RESTRICTED_CONTAINER_SECURITY = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  privileged: false,
  readOnlyRootFilesystem: true,
  runAsGroup: RUN_AS,
  runAsNonRoot: true,
  runAsUser: RUN_AS,
};

export const RESTRICTED_POD_SECURITY = {
  fsGroup: RUN_AS,
  runAsGroup: RUN_AS,
  runAsNonRoot: true,
  runAsUser: RUN_AS,
  seccompProfile: { type: 'RuntimeDefault' },
};

/**
 * A Deployment with the platform's invariants: explicit selector labels, no fixed replicas (an autoscaler owns them),
 * a restricted security context, its own ServiceAccount, settings from a ConfigMap, and health probes.
 */
export function workloadDeployment(scope: Construct, props: WorkloadProps): kplus.Deployment {
  const labels = componentLabels(props.component);
  const secretNames = [...new Set(Object.values(props.secretEnv ?? {}).map((ref) => ref.secretName))].sort();
  const deployment = new kplus.Deployment(scope, `${props.component}-deployment`, {
    metadata: {
      name: props.component,
      namespace: props.namespace,
      labels,
      // Environment variables are read once: Reloader rolls the pods when a Secret they read changes (rotation).
      ...(secretNames.length > 0 ? { annotations: { [RELOAD_ON_SECRETS]: secretNames.join(',') } } : {}),
    },
    podMetadata: { labels, annotations: { [CONFIG_CHECKSUM_ANNOTATION]: props.settings.checksum } },
    select: false,
    spread: false,
    serviceAccount: kplus.ServiceAccount.fromServiceAccountName(
      scope,
      `${props.component}-sa-ref`,
      props.serviceAccountName,
    ),
    automountServiceAccountToken: false,
    terminationGracePeriod: Duration.seconds(props.terminationGracePeriodSeconds),
    securityContext: { ensureNonRoot: true, user: RUN_AS, group: RUN_AS, fsGroup: RUN_AS },
    containers: [
      {
        name: props.component,
        image: props.image,
        imagePullPolicy: kplus.ImagePullPolicy.IF_NOT_PRESENT,
        ports: [{ number: props.port, name: props.portName }],
        resources: containerResources(props.resources),
        envFrom: [
          kplus.Env.fromConfigMap(
            kplus.ConfigMap.fromConfigMapName(scope, `${props.component}-settings-ref`, props.settings.name),
          ),
        ],
        envVariables: {
          NODE_OPTIONS: kplus.EnvValue.fromValue(
            nodeHeapOptions(memoryMebibytes(props.resources.limits.memory), youngGenerationOf(props.component)),
          ),
          ...secretVariables(scope, props),
        },
        // The only writable path: the root filesystem is read-only, and Node writes nothing else.
        volumeMounts: [
          {
            path: '/tmp',
            volume: kplus.Volume.fromEmptyDir(scope, `${props.component}-tmp`, 'tmp', {
              sizeLimit: Size.mebibytes(memoryMebibytes(EPHEMERAL_STORAGE.limit)),
            }),
          },
        ],
        securityContext: {
          ensureNonRoot: true,
          user: RUN_AS,
          group: RUN_AS,
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          privileged: false,
        },
        liveness: kplus.Probe.fromHttpGet('/livez', { port: props.port, periodSeconds: Duration.seconds(10) }),
        readiness: kplus.Probe.fromHttpGet('/readyz', { port: props.port, periodSeconds: Duration.seconds(5) }),
        // Start-up may wait for Kafka or the group join; liveness must not kill a pod that is still starting.
        startup: kplus.Probe.fromHttpGet('/livez', {
          port: props.port,
          periodSeconds: Duration.seconds(2),
          failureThreshold: 30,
        }),
      },
    ],
  });
  deployment.select(kplus.LabelSelector.of({ labels: selectorLabels(props.component) }));

  const api = ApiObject.of(deployment);
  // The HPA or KEDA owns replicas; a fixed count here would fight the autoscaler on every sync.
  api.addJsonPatch(JsonPatch.remove('/spec/replicas'));
  // cdk8s-plus labels pods with their construct path; a rename would then restart every pod for nothing.
  api.addJsonPatch(JsonPatch.remove(`/spec/template/metadata/labels/${escapePointer(kplus.Pod.ADDRESS_LABEL)}`));
  api.addJsonPatch(JsonPatch.add('/spec/template/spec/securityContext/seccompProfile', { type: 'RuntimeDefault' }));
  // cdk8s-plus renders ephemeral storage only in whole gibibytes. The patch is applied before the L1 conversion,
  // which reads quantities through `.value`: a plain string would be dropped silently.
  api.addJsonPatch(
    JsonPatch.add(
      '/spec/template/spec/containers/0/resources/requests/ephemeral-storage',
      k8s.Quantity.fromString(EPHEMERAL_STORAGE.request),
    ),
  );
  api.addJsonPatch(
    JsonPatch.add(
      '/spec/template/spec/containers/0/resources/limits/ephemeral-storage',
      k8s.Quantity.fromString(EPHEMERAL_STORAGE.limit),
    ),
  );
  // cdk8s-plus has no `ALL` capability; the restricted profile requires dropping every one.
  api.addJsonPatch(JsonPatch.add('/spec/template/spec/containers/0/securityContext/capabilities', { drop: ['ALL'] }));
  if (props.spreadAcrossZones) {
    api.addJsonPatch(
      JsonPatch.add('/spec/template/spec/topologySpreadConstraints', [
        {
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          // Prefer, do not require: losing a zone must not leave pods unschedulable.
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selectorLabels(props.component) },
        },
      ]),
    );
  }
  return deployment;
}

function secretVariables(scope: Construct, props: WorkloadProps): Record<string, kplus.EnvValue> {
  return Object.fromEntries(
    Object.entries(props.secretEnv ?? {}).map(([name, ref]) => {
      const secret = kplus.Secret.fromSecretName(scope, `${props.component}-${name}-secret`, ref.secretName);
      return [name, kplus.EnvValue.fromSecretValue({ secret, key: ref.key })];
    }),
  );
}

/** Escapes one JSON-pointer segment (RFC 6901). */
function escapePointer(segment: string): string {
  return segment.replaceAll('~', '~0').replaceAll('/', '~1');
}
