import { applyNaivelyWithRetry, deadLetterWithRetry } from './apply-with-retry.js';
import type { BatchContext, BatchOutcome, ProcessorDeps } from './batch.js';
import { consumedFrom, heartbeatOrStale } from './batch.js';
import type { Poison } from './messages.js';
import { classifyMessages } from './messages.js';

/**
 * The `before` mode: what a first version usually does. Each message's effect is applied on its own and its offset
 * marked processed; a timer commits marked offsets (TimedOffsetCommitter), independently of the effects. The whole
 * fetched batch is worked through even if a rebalance hands the partition to another replica meanwhile. Whatever was
 * applied since the last commit is applied again after a crash or a rebalance: duplicates.
 */
export async function processBatchNaively(ctx: BatchContext, deps: ProcessorDeps): Promise<BatchOutcome> {
  for (const message of ctx.messages) {
    if (!ctx.isRunning()) return 'abandoned';
    const stopTimer = deps.metrics.batchDuration.startTimer();
    const { valid, poison } = classifyMessages(consumedFrom(ctx, [message]));
    let deadLetter: Poison | undefined = poison[0];
    if (valid[0]) {
      const outcome = await applyNaivelyWithRetry(valid[0], ctx, deps);
      if (outcome === 'abandoned') return 'abandoned';
      if (outcome === 'applied') {
        deps.metrics.processed.inc();
        deps.failpoint.afterApplied(1);
      } else {
        deadLetter = outcome;
      }
    }
    if (deadLetter && (await deadLetterWithRetry([deadLetter], ctx, deps)) === 'abandoned') return 'abandoned';
    ctx.resolveOffset(message.offset);
    deps.metrics.batchSize.observe(1);
    stopTimer();
    await heartbeatOrStale(ctx);
  }
  return 'completed';
}
