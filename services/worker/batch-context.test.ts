import type { EachBatchPayload } from 'kafkajs';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { withBackgroundHeartbeat } from './batch-context.js';

function payload(heartbeat: () => Promise<void>, seekPending = false): EachBatchPayload {
  return {
    batch: { topic: 't', partition: 0, highWatermark: '1', messages: [] },
    heartbeat,
    isRunning: () => true,
    isStale: () => seekPending,
    resolveOffset: () => undefined,
  } as unknown as EachBatchPayload;
}

describe('withBackgroundHeartbeat', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('heartbeats on its own while a slow batch runs', async () => {
    vi.useFakeTimers();
    const heartbeat = vi.fn(() => Promise.resolve());
    const { stop } = withBackgroundHeartbeat(payload(heartbeat), 1000);
    await vi.advanceTimersByTimeAsync(3500);
    stop();
    await vi.advanceTimersByTimeAsync(3000);
    expect(heartbeat).toHaveBeenCalledTimes(3);
  });

  it('marks the batch stale when a heartbeat is refused for a rebalance, which kafkajs isStale() never reports', async () => {
    vi.useFakeTimers();
    const rebalancing = Object.assign(new Error('The group is rebalancing'), { type: 'REBALANCE_IN_PROGRESS' });
    const { ctx, stop } = withBackgroundHeartbeat(
      payload(() => Promise.reject(rebalancing)),
      1000,
    );
    expect(ctx.isStale()).toBe(false);
    await vi.advanceTimersByTimeAsync(1000);
    expect(ctx.isStale()).toBe(true);
    stop();
  });

  it('still reports a pending seek as stale', () => {
    const { ctx, stop } = withBackgroundHeartbeat(
      payload(() => Promise.resolve(), true),
      1000,
    );
    expect(ctx.isStale()).toBe(true);
    stop();
  });
});
