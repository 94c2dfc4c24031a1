import type { EachBatchPayload } from 'kafkajs';
import type { BatchContext } from './batch.js';

/**
 * Heartbeats in the background while a batch runs, so a slow database call never costs the partition its session;
 * a heartbeat refused because of a rebalance marks the batch stale, and the processor abandons it at the next check.
 */
export function withBackgroundHeartbeat(
  payload: EachBatchPayload,
  intervalMs: number,
): { ctx: BatchContext; stop: () => void } {
  let revoked = false;
  const heartbeat = async (): Promise<void> => {
    try {
      await payload.heartbeat();
    } catch (error) {
      revoked = true;
      throw error;
    }
  };
  const timer = setInterval(() => void heartbeat().catch(() => undefined), intervalMs);
  const base = toContext(payload);
  return {
    ctx: { ...base, heartbeat, isStale: () => revoked || base.isStale() },
    stop: () => clearInterval(timer),
  };
}

/** The parts of kafkajs's eachBatch payload a processor uses. */
export function toContext(payload: EachBatchPayload): BatchContext {
  const { batch } = payload;
  return {
    topic: batch.topic,
    partition: batch.partition,
    highWatermark: batch.highWatermark,
    messages: batch.messages,
    isRunning: () => payload.isRunning(),
    isStale: () => payload.isStale(),
    heartbeat: () => payload.heartbeat(),
    resolveOffset: (offset) => payload.resolveOffset(offset),
  };
}
