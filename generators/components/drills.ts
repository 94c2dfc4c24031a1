import type { Construct } from 'constructs';
import { addonNamespace } from '../../platform-addons/catalog.js';
import { RESTORE_DRILL_TAG, databaseIdentifier, restoreDrillInstancePrefix } from '../../config/aws.js';
import type { EnvConfig } from '../../config/schema.js';
import { CHAOS_DRILL_SETTINGS, RESTORE_DRILL_SETTINGS } from '../../services/drills/settings-contract.js';
import { cronJob } from '../render/cron-job.js';
import { serviceAccount } from '../render/identity.js';
import { imageRef } from '../render/images.js';
import { drillDeadlineSeconds } from '../render/drill-schedule.js';
import { jobPodTemplate } from '../render/job-pod.js';
import { selectorLabels } from '../render/labels.js';
import { kafkaSettings } from '../render/kafka-env.js';
import { postgresPoolSettings, postgresSecretEnv, postgresTls } from '../render/postgres-env.js';
import { renderSettings } from '../render/settings.js';
import { veleroScheduleName } from './backup.js';
import { API_CALLER_TOKEN_FILE, API_CALLER_TOKEN_VOLUME } from './secrets.js';
import {
  RESTORE_MODIFIERS,
  WORKER_DEPLOYMENT,
  renderChaosDrillAccess,
  renderRestoreDrillAccess,
} from './drill-access.js';

const DRILL_RESOURCES = { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

const selector = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(',');

/**
 * The chaos drill (`drills chaos`, services/drills): the drill's own synthetic events through the API at a steady
 * rate while it deletes worker pods and moves the worker's scale; it passes when every acknowledged event is applied
 * exactly once, the lag is back under the SLO in time and the API's errors stay within the SLO.
 */
function renderChaosDrill(scope: Construct, config: EnvConfig): void {
  const { chaos } = config.drills;
  const sa = serviceAccount(scope, config, { component: 'chaos-drill', namespace: config.namespace, awsRole: true });
  renderChaosDrillAccess(scope, config);
  const pod = jobPodTemplate({
    component: 'chaos-drill',
    image: imageRef(config, 'drills'),
    args: [
      'chaos',
      '--duration',
      String(chaos.durationSeconds),
      '--rate',
      String(chaos.eventsPerSecond),
      '--kills',
      String(chaos.killsPerRun),
    ],
    serviceAccountName: sa,
    needsApiToken: true,
    // The API admits only callers with a token (services/api/auth.ts): the drill presents the platform's own.
    secretVolumes: [API_CALLER_TOKEN_VOLUME],
    resources: DRILL_RESOURCES,
    env: renderSettings('chaos-drill', CHAOS_DRILL_SETTINGS, {
      DRILL_NAMESPACE: config.namespace,
      DRILL_API_URL: `http://api.${config.namespace}.svc:${config.api.port}`,
      DRILL_API_TOKEN_FILE: API_CALLER_TOKEN_FILE,
      DRILL_WORKER_SELECTOR: selector(selectorLabels('worker')),
      DRILL_WORKER_DEPLOYMENT: WORKER_DEPLOYMENT,
      DRILL_LAG_SLO: config.observability.slo.consumerLagMax,
      DRILL_LAG_RECOVERY_SECONDS: chaos.lagRecoverySeconds,
      DRILL_API_ERROR_BUDGET_PER_MILLE: Math.round(config.observability.slo.apiErrorRatio * 1000),
      ...kafkaSettings(config),
      KAFKA_TOPIC: config.kafka.topic.name,
      KAFKA_CONSUMER_GROUP: config.kafka.consumerGroup,
      // It reads its own accounts' entries and balances; it writes nothing to the ledger but through the API.
      ...postgresPoolSettings(config),
    }),
    secretEnv: postgresSecretEnv(config),
  });
  cronJob(scope, config, {
    component: 'chaos-drill',
    schedule: chaos.schedule,
    suspend: chaos.suspend,
    pod,
    deadlineSeconds: drillDeadlineSeconds(config, 'chaos-drill'),
  });
}

/**
 * The restore drill (`drills restore`, services/drills): an RDS point-in-time restore of the ledger into a tagged
 * scratch instance, proven equal to the live ledger at a consistent point and deleted; and a Velero restore of the
 * namespace into the scratch namespace with every workload at zero, checked and deleted. Nothing here points at the
 * live database for writing: the live ledger is read (DRILL_LIVE_LEDGER_*) and briefly held for a consistent point.
 */
function renderRestoreDrill(scope: Construct, config: EnvConfig): void {
  const { restore } = config.drills;
  const veleroNamespace = addonNamespace('velero');
  const sa = serviceAccount(scope, config, { component: 'restore-drill', namespace: config.namespace, awsRole: true });
  renderRestoreDrillAccess(scope, config, veleroNamespace);
  const pod = jobPodTemplate({
    component: 'restore-drill',
    image: imageRef(config, 'drills'),
    args: ['restore'],
    serviceAccountName: sa,
    needsApiToken: true,
    resources: DRILL_RESOURCES,
    env: renderSettings('restore-drill', RESTORE_DRILL_SETTINGS, {
      DRILL_NAMESPACE: config.namespace,
      AWS_REGION: config.aws.region,
      DRILL_RDS_SOURCE_INSTANCE: databaseIdentifier(config),
      DRILL_RDS_SCRATCH_PREFIX: restoreDrillInstancePrefix(config),
      DRILL_RDS_SCRATCH_TAG: `${RESTORE_DRILL_TAG.key}=${RESTORE_DRILL_TAG.value}`,
      DRILL_RPO_OBJECTIVE_SECONDS: restore.objectives.rpoSeconds,
      DRILL_RTO_OBJECTIVE_SECONDS: restore.objectives.rtoSeconds,
      DRILL_LIVE_LEDGER_HOST: config.postgres.host,
      DRILL_LIVE_LEDGER_PORT: config.postgres.port,
      DRILL_LEDGER_DATABASE: config.postgres.database,
      ...postgresTls(),
      VELERO_NAMESPACE: veleroNamespace,
      VELERO_SCHEDULES: config.backup.schedules.map((s) => veleroScheduleName(config, s)),
      DRILL_SCRATCH_NAMESPACE: restore.scratchNamespace,
      DRILL_RESTORE_MODIFIERS: RESTORE_MODIFIERS,
    }),
    secretEnv: postgresSecretEnv(config),
  });
  cronJob(scope, config, {
    component: 'restore-drill',
    schedule: restore.schedule,
    suspend: restore.suspend,
    pod,
    deadlineSeconds: drillDeadlineSeconds(config, 'restore-drill'),
  });
}

export function renderDrills(scope: Construct, config: EnvConfig): void {
  renderChaosDrill(scope, config);
  renderRestoreDrill(scope, config);
}
