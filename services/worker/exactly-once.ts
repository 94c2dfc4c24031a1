import { applyChunkExactlyOnce, deadLetterWithRetry } from './apply-with-retry.js';
import type { BatchContext, BatchOutcome, ProcessorDeps } from './batch.js';
import { chunksOf, heartbeatOrStale, nextOffset } from './batch.js';
import { classifyMessages } from './messages.js';

/**
 * The `after` mode. Per chunk: parse (poison aside), apply the effects of events never applied before in one
 * transaction together with their dedup records, dead-letter the poison, and only then commit the offset.
 * A crash anywhere before the commit means redelivery, and redelivery is absorbed by the dedup records; a revoked
 * partition (stale batch) is abandoned uncommitted for the same reason.
 */
export async function processBatchExactlyOnce(ctx: BatchContext, deps: ProcessorDeps): Promise<BatchOutcome> {
  for (const chunk of chunksOf(ctx.messages, deps.settings.chunkSize)) {
    if (!ctx.isRunning() || ctx.isStale()) return abandon(ctx, deps);
    const stopTimer = deps.metrics.batchDuration.startTimer();
    const { valid, poison } = classifyMessages(chunk);

    const result = await applyChunkExactlyOnce(valid, ctx, deps);
    if (result === 'abandoned') return abandon(ctx, deps);
    // Dead letters are written before the offset moves past them: an unavailable topic holds the partition here.
    if ((await deadLetterWithRetry([...poison, ...result.refused], ctx, deps)) === 'abandoned')
      return abandon(ctx, deps);
    deps.metrics.processed.inc(result.applied);
    deps.metrics.duplicatesSkipped.inc(result.duplicates);
    deps.failpoint.afterApplied(result.applied);

    if (ctx.isStale()) return abandon(ctx, deps);
    const last = chunk[chunk.length - 1]!.offset;
    try {
      await deps.commit(ctx.topic, ctx.partition, nextOffset(last));
    } catch (error) {
      // Typically REBALANCE_IN_PROGRESS while the group scales: the new owner re-reads from the last commit.
      deps.logger.info(
        { err: error, partition: ctx.partition },
        'offset commit refused; leaving the batch to the next owner',
      );
      return abandon(ctx, deps, 'commit-refused');
    }
    ctx.resolveOffset(last);
    deps.metrics.batchSize.observe(chunk.length);
    stopTimer();
    if (!(await heartbeatOrStale(ctx))) return abandon(ctx, deps);
  }
  return 'completed';
}

function abandon(ctx: BatchContext, deps: ProcessorDeps, reason?: string): BatchOutcome {
  const why = reason ?? (ctx.isRunning() ? 'partition-revoked' : 'stopping');
  deps.metrics.abandonedBatches.inc({ reason: why });
  return 'abandoned';
}
