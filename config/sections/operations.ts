import { Type } from '@sinclair/typebox';
import { patternString, strictObject } from '../schema-helpers.js';
import { Cron, Labels, dnsLabel } from './common.js';

export const ObservabilitySection = strictObject({
  /** Labels the Prometheus Operator selects ServiceMonitors and PrometheusRules by. */
  prometheusSelectorLabels: Labels,
  runbookBaseUrl: patternString('^https://\\S+[^/]$', 'an https URL without a trailing slash'),
  // AWS Secrets Manager secrets (names only) holding the alert receivers' credentials (JSON properties
  // pagerduty-routing-key, slack-webhook-url) and Grafana's admin login (username, password).
  secrets: strictObject({
    alertmanagerReceivers: patternString(
      '^[A-Za-z0-9/_+=.@-]{1,512}$',
      'the name of the secret in AWS Secrets Manager',
    ),
    grafanaAdmin: patternString('^[A-Za-z0-9/_+=.@-]{1,512}$', 'the name of the secret in AWS Secrets Manager'),
  }),
  slo: strictObject({
    apiLatencyP95Seconds: Type.Number({
      exclusiveMinimum: 0,
      maximum: 60,
      description: 'p95 request latency the API must stay under',
    }),
    apiErrorRatio: Type.Number({ exclusiveMinimum: 0, maximum: 1, description: 'share of 5xx answers that pages' }),
    consumerLagMax: Type.Integer({ minimum: 1, description: 'total consumer lag that pages' }),
    processingErrorsPerSecond: Type.Number({
      exclusiveMinimum: 0,
      description: 'worker database retries per second that page',
    }),
    deadLetterGrowthPerHour: Type.Integer({
      minimum: 0,
      description: 'dead-lettered messages per hour tolerated before alerting',
    }),
  }),
});

export const BackupSection = strictObject({
  bucket: patternString('^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$', 'an S3 bucket name'),
  // The bucket is versioned: a backup Velero deletes (or anyone overwrites) stays recoverable this long.
  deletedBackupRetentionDays: Type.Integer({
    minimum: 1,
    maximum: 365,
    description: 'days a deleted or overwritten backup object is kept as a noncurrent version',
  }),
  schedules: Type.Array(
    strictObject({
      name: dnsLabel,
      cron: Cron,
      ttlHours: Type.Integer({ minimum: 1, maximum: 87_600, description: 'how long Velero keeps each backup' }),
    }),
    { minItems: 1 },
  ),
  postgres: strictObject({
    // Point-in-time restore reaches back this far; a week covers a problem found after a weekend.
    retentionDays: Type.Integer({ minimum: 7, maximum: 35, description: 'RDS automated backup retention' }),
    backupWindow: patternString('^[0-2][0-9]:[0-5][0-9]-[0-2][0-9]:[0-5][0-9]$', 'a UTC window such as 03:00-04:00'),
  }),
});

const Drill = strictObject({
  schedule: Cron,
  suspend: Type.Boolean({ description: 'true stops the scheduled runs without removing the CronJob' }),
});

export const DrillsSection = strictObject({
  chaos: strictObject({
    ...Drill.properties,
    killsPerRun: Type.Integer({ minimum: 1, maximum: 10, description: 'worker pods deleted per run' }),
    lagRecoverySeconds: Type.Integer({
      minimum: 10,
      maximum: 600,
      description: 'how long after the last fault the lag may stay above observability.slo.consumerLagMax',
    }),
    durationSeconds: Type.Integer({ minimum: 60, maximum: 3600, description: 'how long the drill sends its load' }),
    eventsPerSecond: Type.Integer({
      minimum: 1,
      maximum: 1000,
      description: "the drill's own synthetic events per second, on accounts of its own",
    }),
  }),
  restore: strictObject({
    ...Drill.properties,
    scratchNamespace: dnsLabel,
    // What the drill holds the backups to; a run that misses either fails (docs/backup/rpo-rto.md).
    objectives: strictObject({
      rpoSeconds: Type.Integer({ minimum: 1, description: 'most data the drill accepts losing, in seconds' }),
      rtoSeconds: Type.Integer({ minimum: 60, description: 'longest restore-until-verified the drill accepts' }),
    }),
  }),
});

/** The load generator's profiles (loadtests/profiles.ts; tools/load/profiles-in-config.test.ts keeps them equal). */
export const LOAD_PROFILES = ['smoke', 'ramp', 'spike', 'soak', 'breakpoint'] as const;

/**
 * The in-cluster load test: a suspended CronJob running one profile of loadtests/ from the loadgen image against the
 * API's Service, with synthetic accounts. Only environments that may take synthetic traffic have this section.
 */
export const LoadtestSection = strictObject({
  profile: Type.Unsafe<(typeof LOAD_PROFILES)[number]>({
    type: 'string',
    enum: [...LOAD_PROFILES],
    description: 'the load profile (loadtests/profiles.ts)',
  }),
  rate: Type.Integer({ minimum: 1, maximum: 100_000, description: 'arrivals per second (see npm run load --rate)' }),
  durationSeconds: Type.Integer({ minimum: 1, maximum: 86_400, description: 'see npm run load --duration' }),
  accounts: Type.Integer({ minimum: 1, maximum: 1_000_000, description: 'synthetic accounts the events spread over' }),
});

export const GitopsSection = strictObject({
  repoURL: patternString('^https://\\S+\\.git$', 'an https git URL ending in .git'),
  targetRevision: patternString('^[A-Za-z0-9._/-]+$', 'a branch, tag or commit'),
  argocdNamespace: dnsLabel,
  destinationServer: patternString('^https://\\S+$', 'the cluster API URL Argo CD deploys to'),
  automatedSync: strictObject({
    enabled: Type.Boolean({ description: 'sync on every commit without a click' }),
    prune: Type.Boolean({ description: 'delete resources removed from git' }),
    selfHeal: Type.Boolean({ description: 'revert changes made in the cluster by hand' }),
  }),
});

const AddonOverride = strictObject({
  enabled: Type.Optional(Type.Boolean()),
  version: Type.Optional(
    patternString('^[0-9]+\\.[0-9]+\\.[0-9]+(-[0-9A-Za-z.-]+)?$', 'a chart version such as 2.16.0'),
  ),
  values: Type.Optional(Type.Record(Type.String(), Type.Unknown(), { description: 'merged over the catalog values' })),
});

/** Per-environment overrides of the add-on catalog in platform-addons/; every key is optional. */
export const AddonsSection = Type.Record(dnsLabel, AddonOverride);
