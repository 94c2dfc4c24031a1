import type { BatchContext, ProcessorDeps } from './batch.js';
import { heartbeatOrStale } from './batch.js';
import type { Dependency } from './dependency-health.js';
import type { ApplyResult } from './ledger-store.js';
import type { Poison, ValidEvent } from './messages.js';
import { backoffDelay, classifyFailure, failureReason } from './retry.js';

export interface ChunkResult {
  readonly applied: number;
  readonly duplicates: number;
  /** Events that cannot be applied: the database refused their values, or their id was used by another body. */
  readonly refused: Poison[];
}

export type Attempt<T> = { ok: true; value: T } | { ok: false; error: unknown } | { abandoned: true };

/**
 * Runs `work` until it succeeds or the partition is no longer ours. A transient failure (see classifyFailure: an
 * outage, a restart, a read-only failover, a timeout) is retried with capped, jittered backoff for as long as it
 * lasts, heartbeating so the partition stays assigned, and marks the dependency failing for /readyz. Only a failure
 * proven to come from the event (`poison`) ends the loop, after `maxAttempts`, so the caller can dead-letter it.
 */
export async function withRetry<T>(
  work: () => Promise<T>,
  ctx: BatchContext,
  deps: ProcessorDeps,
  dependency: Dependency,
  classify: (error: unknown) => 'poison' | 'transient' = classifyFailure,
): Promise<Attempt<T>> {
  let poisonAttempts = 0;
  let transientAttempts = 0;
  for (;;) {
    if (!ctx.isRunning() || ctx.isStale()) return { abandoned: true };
    try {
      const value = await work();
      if (transientAttempts > 0)
        deps.logger.info({ dependency, partition: ctx.partition, attempts: transientAttempts }, 'dependency is back');
      deps.health.succeeded(dependency);
      return { ok: true, value };
    } catch (error) {
      const failure = classify(error);
      if (failure === 'poison') {
        poisonAttempts += 1;
        if (poisonAttempts >= deps.settings.maxAttempts) return { ok: false, error };
      } else {
        transientAttempts += 1;
        const reason = failureReason(error);
        deps.health.failed(dependency, reason);
        deps.metrics.transientFailures.inc({ dependency, reason });
        deps.logger.warn(
          { err: error, dependency, reason, partition: ctx.partition, attempt: transientAttempts },
          'dependency failing; the partition waits and retries (nothing is dead-lettered for this)',
        );
      }
      const attempt = failure === 'poison' ? poisonAttempts : transientAttempts;
      await deps.sleep(backoffDelay(attempt, deps.settings.retryBaseMs, deps.settings.retryMaxMs));
      if (!(await heartbeatOrStale(ctx))) return { abandoned: true };
    }
  }
}

function refused(event: ValidEvent, error: unknown, attempts: number): Poison {
  const message = error instanceof Error ? error.message : String(error);
  const code = (error as { code?: unknown } | null)?.code;
  return {
    source: event.source,
    kind: 'failed',
    error: typeof code === 'string' ? `${code}: ${message}` : message,
    attempts,
  };
}

function conflicts(result: ApplyResult): Poison[] {
  return result.conflicts.map((event) => ({
    source: event.source,
    kind: 'conflict' as const,
    error: `event id ${event.event.id} was applied before with a different body; this one was not applied`,
    attempts: 1,
  }));
}

/**
 * Applies a chunk in one transaction. When the database refuses the chunk for a reason of an event's own values, the
 * chunk is applied one event at a time so that event is isolated and dead-lettered and the rest still go through.
 */
export async function applyChunkExactlyOnce(
  events: readonly ValidEvent[],
  ctx: BatchContext,
  deps: ProcessorDeps,
): Promise<ChunkResult | 'abandoned'> {
  if (events.length === 0) return { applied: 0, duplicates: 0, refused: [] };
  const whole = await withRetry(() => deps.store.applyExactlyOnce(events), ctx, deps, 'database');
  if ('abandoned' in whole) return 'abandoned';
  if (whole.ok)
    return { applied: whole.value.applied, duplicates: whole.value.duplicates, refused: conflicts(whole.value) };

  const result = { applied: 0, duplicates: 0, refused: [] as Poison[] };
  for (const event of events) {
    const single =
      events.length === 1 ? whole : await withRetry(() => deps.store.applyExactlyOnce([event]), ctx, deps, 'database');
    if ('abandoned' in single) return 'abandoned';
    if (single.ok) {
      result.applied += single.value.applied;
      result.duplicates += single.value.duplicates;
      result.refused.push(...conflicts(single.value));
    } else {
      result.refused.push(refused(event, single.error, deps.settings.maxAttempts));
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
  const attempt = await withRetry(() => deps.store.applyNaively(event), ctx, deps, 'database');
  if ('abandoned' in attempt) return 'abandoned';
  return attempt.ok ? 'applied' : refused(event, attempt.error, deps.settings.maxAttempts);
}

/** Writes dead letters until the topic takes them: an unavailable dead-letter topic pauses the partition. */
export async function deadLetterWithRetry(
  poison: readonly Poison[],
  ctx: BatchContext,
  deps: ProcessorDeps,
): Promise<'written' | 'abandoned'> {
  if (poison.length === 0) return 'written';
  const attempt = await withRetry(
    () => deps.deadLetter(poison),
    ctx,
    deps,
    'dead_letter_topic',
    () => 'transient',
  );
  if ('abandoned' in attempt) return 'abandoned';
  for (const p of poison) deps.metrics.deadLettered.inc({ kind: p.kind });
  return 'written';
}
