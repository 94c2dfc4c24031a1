import type { DatabaseSettings } from '../../shared/runtime/database.js';
import { readDatabaseSettings } from '../../shared/runtime/database.js';
import type { EnvReaderOptions, SettingsReader } from '../../shared/runtime/env-reader.js';
import { EnvReader } from '../../shared/runtime/env-reader.js';
import type { DRILL_COMMON_SETTINGS } from '../settings-contract.js';
import { CHAOS_DRILL_SETTINGS, RESTORE_DRILL_SETTINGS } from '../settings-contract.js';

/** What every drill in the cluster reads: its namespace and where its report goes. */
export interface ClusterSettings {
  readonly namespace: string;
  readonly reportDir: string;
}

export interface ChaosClusterSettings extends ClusterSettings {
  readonly apiUrl: string;
  /** A file with the token the drill presents to the API; empty when the API admits anyone (the local stack). */
  readonly apiTokenFile: string;
  readonly kafkaBrokers: string[];
  readonly topic: string;
  readonly consumerGroup: string;
  /** The ledger, read to check the drill's own accounts (pg reads PGHOST and the credentials itself). */
  readonly database: DatabaseSettings;
  readonly workerSelector: string;
  /** The worker's Deployment: the one scale target the drill may patch. */
  readonly workerDeployment: string;
  readonly durationSeconds: number;
  readonly ratePerSecond: number;
  readonly kills: number;
  readonly lagSlo: number;
  readonly lagRecoverySeconds: number;
  /** Per mille: the API's error-ratio SLO (observability.slo.apiErrorRatio × 1000). */
  readonly apiErrorBudgetPerMille: number;
}

export interface RestoreClusterSettings extends ClusterSettings {
  readonly region: string;
  /** Where the live ledger is read (checksums at the consistent point): never restored into, never written. */
  readonly liveLedger: { readonly host: string; readonly port: number; readonly database: string };
  /** The ledger's RDS instance, and the prefix and tag of the scratch instances the drill may create and delete. */
  readonly sourceInstance: string;
  readonly scratchPrefix: string;
  readonly scratchTag: { readonly key: string; readonly value: string };
  readonly scratchInstanceClass: string | undefined;
  readonly rpoObjectiveSeconds: number;
  readonly rtoObjectiveSeconds: number;
  readonly veleroNamespace: string;
  readonly veleroSchedules: string[];
  readonly scratchNamespace: string;
  /** The ConfigMap (in Velero's namespace) of resource modifiers that scale the restored workloads to zero. */
  readonly restoreModifiers: string;
}

function common(read: SettingsReader<typeof DRILL_COMMON_SETTINGS>): ClusterSettings {
  return { namespace: read.string('DRILL_NAMESPACE'), reportDir: read.string('DRILL_REPORT_DIR') };
}

/** `strict`: read a rendered environment (EnvReaderOptions), as the render's contract test does. */
export function chaosSettings(env: NodeJS.ProcessEnv, options: EnvReaderOptions = {}): ChaosClusterSettings {
  const read = new EnvReader(env, CHAOS_DRILL_SETTINGS, options);
  return read.done({
    ...common(read),
    apiUrl: read.string('DRILL_API_URL'),
    apiTokenFile: read.string('DRILL_API_TOKEN_FILE'),
    kafkaBrokers: read.list('KAFKA_BROKERS'),
    topic: read.string('KAFKA_TOPIC'),
    consumerGroup: read.string('KAFKA_CONSUMER_GROUP'),
    database: readDatabaseSettings(read),
    workerSelector: read.string('DRILL_WORKER_SELECTOR'),
    workerDeployment: read.string('DRILL_WORKER_DEPLOYMENT'),
    durationSeconds: read.integer('DRILL_DURATION_SECONDS'),
    ratePerSecond: read.integer('DRILL_RATE'),
    kills: read.integer('DRILL_KILLS'),
    lagSlo: read.integer('DRILL_LAG_SLO'),
    lagRecoverySeconds: read.integer('DRILL_LAG_RECOVERY_SECONDS'),
    apiErrorBudgetPerMille: read.integer('DRILL_API_ERROR_BUDGET_PER_MILLE'),
  });
}

export function restoreSettings(env: NodeJS.ProcessEnv, options: EnvReaderOptions = {}): RestoreClusterSettings {
  const read = new EnvReader(env, RESTORE_DRILL_SETTINGS, options);
  const [key, value] = read.string('DRILL_RDS_SCRATCH_TAG').split('=');
  return read.done({
    ...common(read),
    region: read.string('AWS_REGION'),
    liveLedger: {
      host: read.string('DRILL_LIVE_LEDGER_HOST'),
      port: read.integer('DRILL_LIVE_LEDGER_PORT'),
      database: read.string('DRILL_LEDGER_DATABASE'),
    },
    sourceInstance: read.string('DRILL_RDS_SOURCE_INSTANCE'),
    scratchPrefix: read.string('DRILL_RDS_SCRATCH_PREFIX'),
    scratchTag: { key: key ?? '', value: value ?? '' },
    scratchInstanceClass: read.optionalString('DRILL_RDS_SCRATCH_INSTANCE_CLASS'),
    rpoObjectiveSeconds: read.integer('DRILL_RPO_OBJECTIVE_SECONDS'),
    rtoObjectiveSeconds: read.integer('DRILL_RTO_OBJECTIVE_SECONDS'),
    veleroNamespace: read.string('VELERO_NAMESPACE'),
    veleroSchedules: read.list('VELERO_SCHEDULES'),
    scratchNamespace: read.string('DRILL_SCRATCH_NAMESPACE'),
    restoreModifiers: read.string('DRILL_RESTORE_MODIFIERS'),
  });
}
