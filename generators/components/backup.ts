import type { Construct } from 'constructs';
import { addonNamespace } from '../../platform-addons/catalog.js';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from '../render/api-objects.js';
import { platformLabels } from '../render/labels.js';

export const BACKUP_LOCATION = 'default';

/** A Velero Schedule's name: the namespace it backs up and the schedule's own name. */
export function veleroScheduleName(config: EnvConfig, schedule: EnvConfig['backup']['schedules'][number]): string {
  return `${config.namespace}-${schedule.name}`;
}

/**
 * Velero's S3 location and schedules. Credentials come from the velero service account's IAM role (IRSA, set in the
 * add-on's values), so no static key appears anywhere. The database itself is backed up by RDS (infra/), with the
 * retention and window of env.yaml's backup.postgres.
 */
export function renderBackups(scope: Construct, config: EnvConfig): void {
  const namespace = addonNamespace('velero');
  const labels = platformLabels();
  apiObject(scope, {
    apiVersion: 'velero.io/v1',
    kind: 'BackupStorageLocation',
    name: BACKUP_LOCATION,
    namespace,
    labels,
    body: {
      spec: {
        provider: 'aws',
        default: true,
        objectStorage: { bucket: config.backup.bucket, prefix: config.name },
        config: { region: config.aws.region },
      },
    },
  });
  for (const schedule of config.backup.schedules) {
    apiObject(scope, {
      apiVersion: 'velero.io/v1',
      kind: 'Schedule',
      name: veleroScheduleName(config, schedule),
      namespace,
      labels,
      body: {
        spec: {
          schedule: schedule.cron,
          useOwnerReferencesInBackup: false,
          template: {
            includedNamespaces: [config.namespace],
            storageLocation: BACKUP_LOCATION,
            ttl: `${schedule.ttlHours}h0m0s`,
            snapshotVolumes: false,
          },
        },
      },
    });
  }
}
