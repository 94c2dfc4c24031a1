import type { BatchContext, ProcessorDeps } from './batch.js';
import { heartbeatOrStale } from './batch.js';
import type { Poison, ValidEvent } from './messages.js';
import { backoffDelay, isTransientDatabaseError } from './retry.js';

export interface ChunkResult {
  readonly applied: number;
  readonly duplicates: number;
  /** Events the database kept refusing after maxAttempts: they go to the dead-letter topic. */
  readonly failed: Poison[];
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown } | { abandoned: true };

/**
 * Runs `work` until it succeeds. A transient database error (PostgreSQL down, a deadlock) is retried with backoff for
 * as long as this replica owns the partition; any other error is retried `maxAttempts` times and then returned.
 */
export async function withRetry<T>(
  work: () => Promise<T>,
  ctx: BatchContext,
  deps: ProcessorDeps,
): Promise<Attempt<T>> {
  let attempts = 0;
  let transientAttempts = 0;
  for (;;) {
    if (!ctx.isRunning() || ctx.isStale()) return { abandoned: true };
    try {
      return { ok: true, value: await work() };
    } catch (error) {
      deps.metrics.databaseRetries.inc();
      const transient = isTransientDatabaseError(error);
      if (transient) transientAttempts += 1;
      else attempts += 1;
      if (!transient && attempts >= deps.settings.maxAttempts) return { ok: false, error };
      const attempt = transient ? transientAttempts : attempts;
      deps.logger.warn({ err: error, attempt, transient }, 'database write failed; retrying');
      await deps.sleep(backoffDelay(attempt, deps.settings.retryBaseMs, deps.settings.retryMaxMs));
      if (!(await heartbeatOrStale(ctx))) return { abandoned: true };
    }
  }
}

function failed(event: ValidEvent, error: unknown, attempts: number): Poison {
  return {
    source: event.source,
    kind: 'failed',
    error: error instanceof Error ? error.message : String(error),
    attempts,
  };
}

/**
 * Applies a chunk in one transaction. When the database refuses the chunk for a reason of its own data, the chunk is
 * applied one event at a time so the one bad event is isolated and dead-lettered and the rest still go through.
 */
export async function applyChunkExactlyOnce(
  events: readonly ValidEvent[],
  ctx: BatchContext,
  deps: ProcessorDeps,
): Promise<ChunkResult | 'abandoned'> {
  if (events.length === 0) return { applied: 0, duplicates: 0, failed: [] };
  const whole = await withRetry(() => deps.store.applyExactlyOnce(events), ctx, deps);
  if ('abandoned' in whole) return 'abandoned';
  if (whole.ok) return { ...whole.value, failed: [] };
  if (events.length === 1)
    return { applied: 0, duplicates: 0, failed: [failed(events[0]!, whole.error, deps.settings.maxAttempts)] };

  const result = { applied: 0, duplicates: 0, failed: [] as Poison[] };
  for (const event of events) {
    const single = await withRetry(() => deps.store.applyExactlyOnce([event]), ctx, deps);
    if ('abandoned' in single) return 'abandoned';
    if (single.ok) {
      result.applied += single.value.applied;
      result.duplicates += single.value.duplicates;
    } else {
      result.failed.push(failed(event, single.error, deps.settings.maxAttempts));
    }
  }
  return result;
}

/** The naive path's single-event write, with the same retry rules. */
export async function applyNaivelyWithRetry(
  event: ValidEvent,
  ctx: BatchContext,
  deps: ProcessorDeps,
): Promise<Poison | 'applied' | 'abandoned'> {
  const attempt = await withRetry(() => deps.store.applyNaively(event), ctx, deps);
  if ('abandoned' in attempt) return 'abandoned';
  return attempt.ok ? 'applied' : failed(event, attempt.error, deps.settings.maxAttempts);
}
