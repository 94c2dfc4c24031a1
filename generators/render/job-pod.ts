import type { Component } from './labels.js';
import { componentLabels } from './labels.js';
import { nodeHeapOptions } from './node-heap.js';
import { memoryMebibytes } from '../../config/quantities.js';
import { EPHEMERAL_STORAGE, RESTRICTED_CONTAINER_SECURITY, RESTRICTED_POD_SECURITY } from './workload.js';

export interface JobPodProps {
  readonly component: Component;
  readonly image: string;
  /** Replaces the image's entry point (a bootstrap Job runs another program of the same image). */
  readonly command?: string[];
  readonly args: string[];
  readonly env: Record<string, string>;
  /** Environment variables read from Secrets: only the reference is rendered, never a value. */
  readonly secretEnv?: Record<string, { readonly secretName: string; readonly key: string }>;
  readonly serviceAccountName: string;
  /** Whether the pod talks to the Kubernetes API (drills do; the load test does not). */
  readonly needsApiToken: boolean;
  readonly volumes?: { name: string; configMap: string; mountPath: string }[];
  /** Secrets mounted read-only as files (a token the container presents), by reference only. */
  readonly secretVolumes?: { name: string; secret: string; mountPath: string }[];
  readonly resources: { requests: { cpu: string; memory: string }; limits: { cpu: string; memory: string } };
}

/** The pod template of a Job or CronJob, with the same restricted security context as the Deployments. */
export function jobPodTemplate(props: JobPodProps): Record<string, unknown> {
  return {
    metadata: { labels: componentLabels(props.component) },
    spec: {
      restartPolicy: 'Never',
      serviceAccountName: props.serviceAccountName,
      automountServiceAccountToken: props.needsApiToken,
      securityContext: RESTRICTED_POD_SECURITY,
      containers: [
        {
          name: props.component,
          image: props.image,
          imagePullPolicy: 'IfNotPresent',
          ...(props.command ? { command: props.command } : {}),
          args: props.args,
          env: [
            { name: 'NODE_OPTIONS', value: nodeHeapOptions(memoryMebibytes(props.resources.limits.memory)) },
            ...Object.entries(props.env).map(([name, value]) => ({ name, value })),
            ...Object.entries(props.secretEnv ?? {}).map(([name, ref]) => ({
              name,
              valueFrom: { secretKeyRef: { name: ref.secretName, key: ref.key } },
            })),
          ],
          resources: {
            requests: { ...props.resources.requests, 'ephemeral-storage': EPHEMERAL_STORAGE.request },
            limits: { ...props.resources.limits, 'ephemeral-storage': EPHEMERAL_STORAGE.limit },
          },
          securityContext: RESTRICTED_CONTAINER_SECURITY,
          volumeMounts: [
            // A writable scratch directory: the root filesystem is read-only.
            { name: 'tmp', mountPath: '/tmp' },
            ...[...(props.volumes ?? []), ...(props.secretVolumes ?? [])].map((v) => ({
              name: v.name,
              mountPath: v.mountPath,
              readOnly: true,
            })),
          ],
        },
      ],
      volumes: [
        { name: 'tmp', emptyDir: {} },
        ...(props.volumes ?? []).map((v) => ({ name: v.name, configMap: { name: v.configMap } })),
        ...(props.secretVolumes ?? []).map((v) => ({ name: v.name, secret: { secretName: v.secret } })),
      ],
    },
  };
}
