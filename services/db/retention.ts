import type pg from 'pg';
import type { SettingsReader } from '../shared/runtime/env-reader.js';
import type { RETENTION_SETTINGS } from './settings-contract.js';

/**
 * How long dedup records and idempotency keys are kept. An event's id can reach the worker again for as long as
 * (a) its record is on the events topic and (b) a client may retry its request (which produces it again), and the
 * retry's record can itself wait on the topic: so dedup must outlive keys + topic retention, or a late duplicate
 * would be applied a second time. The settings refuse to start otherwise.
 */
export interface RetentionSettings {
  readonly idempotencyKeyHours: number;
  readonly topicRetentionHours: number;
  readonly dedupHours: number;
  readonly batchSize: number;
}

// Beyond keys + topic retention: a day for a consumer that was down when the window closed.
const MARGIN_HOURS = 24;

export function readRetentionSettings(read: SettingsReader<typeof RETENTION_SETTINGS>): RetentionSettings {
  const idempotencyKeyHours = read.integer('IDEMPOTENCY_KEY_RETENTION_HOURS');
  const topicRetentionHours = read.integer('EVENTS_TOPIC_RETENTION_HOURS');
  const settings = {
    idempotencyKeyHours,
    topicRetentionHours,
    dedupHours: read.integer('DEDUP_RETENTION_HOURS', idempotencyKeyHours + topicRetentionHours + MARGIN_HOURS),
    batchSize: read.integer('RETENTION_BATCH_SIZE'),
  };
  const needed = settings.idempotencyKeyHours + settings.topicRetentionHours;
  if (settings.dedupHours < needed)
    throw new Error(
      `DEDUP_RETENTION_HOURS=${settings.dedupHours} would reopen the dedup window: it must be at least ` +
        `IDEMPOTENCY_KEY_RETENTION_HOURS + EVENTS_TOPIC_RETENTION_HOURS = ${needed}`,
    );
  return settings;
}

// Deletes in batches by ctid, so a large backlog never holds one long transaction or a lock on the whole table.
const deleteOlderThan = (table: string, column: string) => `
  DELETE FROM ${table} WHERE ctid = ANY(ARRAY(
    SELECT ctid FROM ${table} WHERE ${column} < now() - make_interval(hours => $1) LIMIT $2))`;

async function deleteInBatches(client: pg.ClientBase, sql: string, hours: number, batchSize: number): Promise<number> {
  let total = 0;
  for (;;) {
    const { rowCount } = await client.query(sql, [hours, batchSize]);
    total += rowCount ?? 0;
    if ((rowCount ?? 0) < batchSize) return total;
  }
}

// Any fixed number: replicas that prune on a timer take turns instead of deleting the same rows at once.
const PRUNE_LOCK_ID = 4_242_002;

/**
 * pruneExpired by whichever replica gets the lock; the others skip this round. Returns undefined when skipped.
 */
export async function pruneIfFirst(
  client: pg.ClientBase,
  settings: RetentionSettings,
): Promise<{ processedEvents: number; idempotencyKeys: number } | undefined> {
  const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1) AS locked', [
    PRUNE_LOCK_ID,
  ]);
  if (!rows[0]?.locked) return undefined;
  try {
    return await pruneExpired(client, settings);
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [PRUNE_LOCK_ID]);
  }
}

/** Removes dedup records and idempotency keys past their windows; returns how many of each went. */
export async function pruneExpired(
  client: pg.ClientBase,
  settings: RetentionSettings,
): Promise<{ processedEvents: number; idempotencyKeys: number }> {
  return {
    processedEvents: await deleteInBatches(
      client,
      deleteOlderThan('processed_events', 'processed_at'),
      settings.dedupHours,
      settings.batchSize,
    ),
    idempotencyKeys: await deleteInBatches(
      client,
      deleteOlderThan('idempotency_keys', 'created_at'),
      settings.idempotencyKeyHours,
      settings.batchSize,
    ),
  };
}
