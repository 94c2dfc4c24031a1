import { applyChunkExactlyOnce, deadLetterWithRetry } from './apply-with-retry.js';
import type { BatchContext, BatchOutcome, ProcessorDeps } from './batch.js';
import { chunksOf, consumedFrom, heartbeatOrStale, nextOffset } from './batch.js';
import { classifyMessages } from './messages.js';

/**
 * The `after` mode. Per chunk: parse (poison aside), apply the effects of events never applied before in one
 * transaction together with their dedup records, and dead-letter the poison. Once every chunk of the fetched batch is
 * applied, commit the offset past it: one commit round trip per fetched batch, not per chunk (behind a 1 ms round
 * trip that was 7–15 % more events per replica, docs/performance.md). A crash anywhere before the commit means
 * redelivery of the batch, and redelivery is absorbed by the dedup records: what a crash costs is re-reading at most one
 * fetched batch per partition (kafkajs fetches up to 1 MiB per partition, about 4,000 events), never a second effect.
 * A revoked partition (stale batch) is abandoned uncommitted for the same reason, and so is the batch of a replica that
 * is stopping: kafkajs drops a commit once its consumer is no longer running (without an error), so a scale-down
 * leaves what the batch applied to be re-read by the next owner.
 */
export async function processBatchExactlyOnce(ctx: BatchContext, deps: ProcessorDeps): Promise<BatchOutcome> {
  // The last offset applied and not yet committed.
  let applied: string | undefined;
  for (const chunk of chunksOf(ctx.messages, deps.settings.chunkSize)) {
    if (!ctx.isRunning() || ctx.isStale()) return abandon(ctx, deps);
    const stopTimer = deps.metrics.batchDuration.startTimer();
    const { valid, poison } = classifyMessages(consumedFrom(ctx, chunk));

    const result = await applyChunkExactlyOnce(valid, ctx, deps);
    if (result === 'abandoned') return abandon(ctx, deps);
    // Dead letters are written before the offset moves past them: an unavailable topic holds the partition here.
    if ((await deadLetterWithRetry([...poison, ...result.refused], ctx, deps)) === 'abandoned')
      return abandon(ctx, deps);
    deps.metrics.processed.inc(result.applied);
    deps.metrics.duplicatesSkipped.inc(result.duplicates);
    deps.failpoint.afterApplied(result.applied);

    applied = chunk[chunk.length - 1]!.offset;
    deps.metrics.batchSize.observe(chunk.length);
    stopTimer();
    if (!(await heartbeatOrStale(ctx))) return abandon(ctx, deps);
  }
  if (applied === undefined) return 'completed';
  if (ctx.isStale()) return abandon(ctx, deps);
  return (await commitApplied(ctx, deps, applied)) ? 'completed' : abandon(ctx, deps, 'commit-refused');
}

/** Commits the offset past `last`; false when the group refused it (the next owner re-reads from the last commit). */
async function commitApplied(ctx: BatchContext, deps: ProcessorDeps, last: string): Promise<boolean> {
  try {
    await deps.commit(ctx.topic, ctx.partition, nextOffset(last));
  } catch (error) {
    // Typically REBALANCE_IN_PROGRESS while the group scales: the new owner re-reads from the last commit.
    deps.logger.info(
      { err: error, partition: ctx.partition },
      'offset commit refused; leaving the batch to the next owner',
    );
    return false;
  }
  ctx.resolveOffset(last);
  return true;
}

function abandon(ctx: BatchContext, deps: ProcessorDeps, reason?: string): BatchOutcome {
  const why = reason ?? (ctx.isRunning() ? 'partition-revoked' : 'stopping');
  deps.metrics.abandonedBatches.inc({ reason: why });
  return 'abandoned';
}
