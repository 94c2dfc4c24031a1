// How long dedup records and idempotency keys are kept (retention.ts explains why the windows are what they are).
import { tunable } from '../shared/settings-contract.js';

export const RETENTION_SETTINGS = {
  IDEMPOTENCY_KEY_RETENTION_HOURS: tunable(
    1,
    24 * 365,
    24,
    'How long an idempotency key is kept (a client’s retry window).',
  ),
  EVENTS_TOPIC_RETENTION_HOURS: {
    type: 'integer',
    min: 1,
    max: 24 * 365,
    default: 168,
    rendered: 'always',
    description: 'The events topic’s retention (env.yaml kafka.topic.retentionHours): the dedup window follows it.',
  },
  DEDUP_RETENTION_HOURS: {
    type: 'integer',
    min: 1,
    max: 24 * 3650,
    defaultFrom: 'IDEMPOTENCY_KEY_RETENTION_HOURS + EVENTS_TOPIC_RETENTION_HOURS + 24',
    rendered: 'may',
    description: 'How long a dedup record is kept; never less than keys plus topic retention.',
  },
  RETENTION_BATCH_SIZE: tunable(1, 1_000_000, 10_000, 'Rows deleted per statement when pruning.'),
} as const;
