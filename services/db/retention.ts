import type pg from 'pg';
import type { EnvReader } from '../shared/runtime/env-reader.js';

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

export function readRetentionSettings(read: EnvReader): RetentionSettings {
  const settings = {
    idempotencyKeyHours: read.integer('IDEMPOTENCY_KEY_RETENTION_HOURS', 24, 1, 24 * 365),
    topicRetentionHours: read.integer('EVENTS_TOPIC_RETENTION_HOURS', 168, 1, 24 * 365),
    dedupHours: read.integer('DEDUP_RETENTION_HOURS', 216, 1, 24 * 3650),
    batchSize: read.integer('RETENTION_BATCH_SIZE', 10_000, 1, 1_000_000),
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
