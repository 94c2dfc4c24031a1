import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { BOOTSTRAP_SETTINGS } from '../../services/bootstrap/settings-contract.js';
import { apiObject } from '../render/api-objects.js';
import { serviceAccount } from '../render/identity.js';
import { imageRef } from '../render/images.js';
import { jobPodTemplate } from '../render/job-pod.js';
import { kafkaSettings } from '../render/kafka-env.js';
import { componentLabels } from '../render/labels.js';
import { postgresSecretEnv, postgresSettings } from '../render/postgres-env.js';
import { renderSettings } from '../render/settings.js';

const HOURS_MS = 3_600_000;
// A dead letter is the original record plus headers (an error text of at most 2 KiB and its origin): the dead-letter
// topic takes the largest record the events topic can hold (the broker default, 1,048,588 bytes) with room to spare,
// so a write to it never fails for size.
const BROKER_DEFAULT_MAX_MESSAGE_BYTES = 1_048_588;
const DEAD_LETTER_HEADROOM_BYTES = 65_536;
const BOOTSTRAP_RESOURCES = { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

/** The topics as the topics bootstrap reads them (services/bootstrap/topic-plan.ts DesiredTopic). */
export function desiredTopics(config: EnvConfig): string {
  return JSON.stringify(
    [config.kafka.topic, config.kafka.deadLetterTopic].map((t) => ({
      name: t.name,
      partitions: t.partitions,
      replicationFactor: t.replicationFactor,
      minInsyncReplicas: t.minInsyncReplicas,
      retentionMs: t.retentionHours * HOURS_MS,
      ...(t === config.kafka.deadLetterTopic
        ? { maxMessageBytes: BROKER_DEFAULT_MAX_MESSAGE_BYTES + DEAD_LETTER_HEADROOM_BYTES }
        : {}),
    })),
  );
}

/**
 * What must be true before the workloads sync, as one Argo CD PreSync hook Job (services/bootstrap/main.ts, from the
 * api image, as the `bootstrap` service account whose IAM role may administer the topics): the schema migrated
 * (idempotent, under an advisory lock, so a retried or concurrent run is harmless), then the topics present with the
 * declared settings. Argo CD runs it before applying anything of the sync and stops the sync if it fails; the previous
 * run is deleted only when the next one starts, so a failed run stays for `kubectl logs`.
 */
export function renderBootstrap(scope: Construct, config: EnvConfig): void {
  const sa = serviceAccount(scope, config, { component: 'bootstrap', namespace: config.namespace, awsRole: true });
  apiObject(scope, {
    apiVersion: 'batch/v1',
    kind: 'Job',
    name: 'bootstrap',
    namespace: config.namespace,
    labels: componentLabels('bootstrap'),
    annotations: {
      'argocd.argoproj.io/hook': 'PreSync',
      'argocd.argoproj.io/hook-delete-policy': 'BeforeHookCreation',
    },
    body: {
      spec: {
        backoffLimit: 2,
        activeDeadlineSeconds: 600,
        template: jobPodTemplate({
          component: 'bootstrap',
          image: imageRef(config, 'api'),
          command: ['node', 'dist/services/bootstrap/main.js'],
          args: [],
          env: renderSettings('bootstrap', BOOTSTRAP_SETTINGS, {
            ...postgresSettings(config),
            ...kafkaSettings(config),
            TOPICS: desiredTopics(config),
          }),
          secretEnv: postgresSecretEnv(config),
          serviceAccountName: sa,
          needsApiToken: false,
          resources: BOOTSTRAP_RESOURCES,
        }),
      },
    },
  });
}
