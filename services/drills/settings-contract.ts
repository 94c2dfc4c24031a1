// The in-cluster drills' settings, declared once: cluster/settings.ts reads them, generators/components/drills.ts
// renders them.
import { tunable } from '../shared/settings-contract.js';
import { KAFKA_CONNECTION_SETTINGS } from '../shared/kafka/settings-contract.js';
import {
  POSTGRES_CREDENTIAL_SETTINGS,
  POSTGRES_TLS_SETTINGS,
  databasePoolSettings,
  logLevelSetting,
} from '../shared/runtime/settings-contract.js';

/** What every drill in the cluster reads: its namespace and where its report goes. */
export const DRILL_COMMON_SETTINGS = {
  ...logLevelSetting('warn'),
  DRILL_NAMESPACE: { type: 'string', rendered: 'always', description: 'The namespace the drill works in.' },
  DRILL_REPORT_DIR: {
    type: 'string',
    default: '/tmp/reports',
    rendered: 'may',
    description: 'Where the JSON report is written (the root filesystem is read-only).',
  },
} as const;

const seconds = <R extends 'always' | 'may'>(description: string, fallback: number, rendered: R) =>
  ({ type: 'integer', min: 1, max: 86_400, default: fallback, rendered, description }) as const;

export const CHAOS_DRILL_SETTINGS = {
  ...DRILL_COMMON_SETTINGS,
  DRILL_API_URL: {
    type: 'string',
    rendered: 'always',
    description: 'The API’s Service, where the drill sends events.',
  },
  DRILL_API_TOKEN_FILE: {
    type: 'string',
    default: '',
    rendered: 'may',
    description: 'A file holding the token the drill presents to the API (Authorization: Bearer); empty: none.',
  },
  ...KAFKA_CONNECTION_SETTINGS,
  KAFKA_TOPIC: { type: 'string', rendered: 'always', description: 'The events topic (for the lag).' },
  KAFKA_CONSUMER_GROUP: { type: 'string', rendered: 'always', description: 'The worker’s group (for the lag).' },
  ...databasePoolSettings(2),
  DRILL_WORKER_SELECTOR: {
    type: 'string',
    rendered: 'always',
    description: 'The label selector of the worker pods the drill may delete.',
  },
  DRILL_WORKER_DEPLOYMENT: {
    type: 'string',
    rendered: 'always',
    description: 'The worker’s Deployment: the one scale target the drill may patch.',
  },
  DRILL_DURATION_SECONDS: tunable(10, 86_400, 300, 'How long the drill sends events (the CronJob passes --duration).'),
  DRILL_RATE: tunable(1, 10_000, 20, 'Events per second (the CronJob passes --rate).'),
  DRILL_KILLS: tunable(1, 100, 1, 'Worker pods deleted per run (the CronJob passes --kills).'),
  DRILL_LAG_SLO: {
    type: 'integer',
    min: 1,
    max: 1_000_000_000,
    default: 1000,
    rendered: 'always',
    description: 'The lag the worker must be back under (observability.slo.consumerLagMax).',
  },
  DRILL_LAG_RECOVERY_SECONDS: seconds(
    'How soon after the last fault the lag must be back under the SLO.',
    60,
    'always',
  ),
  DRILL_API_ERROR_BUDGET_PER_MILLE: {
    type: 'integer',
    min: 0,
    max: 1000,
    default: 10,
    rendered: 'always',
    description: 'The API’s error-ratio SLO, per mille (observability.slo.apiErrorRatio × 1000).',
  },
} as const;

export const RESTORE_DRILL_SETTINGS = {
  ...DRILL_COMMON_SETTINGS,
  AWS_REGION: { type: 'string', rendered: 'always', description: 'The region of the ledger’s RDS instance.' },
  DRILL_LIVE_LEDGER_HOST: { type: 'string', rendered: 'always', description: 'The live ledger, read only.' },
  DRILL_LIVE_LEDGER_PORT: {
    type: 'integer',
    min: 1,
    max: 65535,
    default: 5432,
    rendered: 'always',
    description: 'The live ledger’s port.',
  },
  DRILL_LEDGER_DATABASE: { type: 'string', rendered: 'always', description: 'The ledger database’s name.' },
  ...POSTGRES_CREDENTIAL_SETTINGS,
  ...POSTGRES_TLS_SETTINGS,
  DRILL_RDS_SOURCE_INSTANCE: { type: 'string', rendered: 'always', description: 'The ledger’s RDS instance.' },
  DRILL_RDS_SCRATCH_PREFIX: {
    type: 'string',
    rendered: 'always',
    description: 'The name prefix of the scratch instances the drill may create and delete.',
  },
  DRILL_RDS_SCRATCH_TAG: {
    type: 'string',
    rendered: 'always',
    description: 'key=value: the tag every scratch instance carries (its IAM role deletes only those).',
  },
  DRILL_RDS_SCRATCH_INSTANCE_CLASS: {
    type: 'string',
    optional: true,
    rendered: 'may',
    description: 'The scratch instance’s class; unset: the source’s.',
  },
  DRILL_RPO_OBJECTIVE_SECONDS: seconds('The recovery point objective the drill checks.', 600, 'always'),
  DRILL_RTO_OBJECTIVE_SECONDS: seconds('The recovery time objective the drill checks.', 3600, 'always'),
  VELERO_NAMESPACE: { type: 'string', rendered: 'always', description: 'Where Velero runs.' },
  VELERO_SCHEDULES: {
    type: 'list',
    rendered: 'always',
    description: 'The Velero schedules whose backups it restores.',
  },
  DRILL_SCRATCH_NAMESPACE: {
    type: 'string',
    rendered: 'always',
    description: 'The namespace the Velero restore goes into (and is deleted).',
  },
  DRILL_RESTORE_MODIFIERS: {
    type: 'string',
    rendered: 'always',
    description: 'The ConfigMap of resource modifiers that scale the restored workloads to zero.',
  },
} as const;
