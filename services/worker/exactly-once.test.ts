import { describe, expect, it } from 'vitest';
import { processBatchExactlyOnce } from './exactly-once.js';
import { Failpoint } from './failpoint.js';
import { eventMessage, id, rawMessage, recordingContext, recordingDeps } from './testing.js';

/** Runs `then` once the store has applied `chunks` chunks: a revocation or a stop in the middle of a batch. */
function afterChunks(deps: ReturnType<typeof recordingDeps>, chunks: number, then: () => void): void {
  const apply = deps.store.applyExactlyOnce.bind(deps.store);
  deps.store.applyExactlyOnce = async (events) => {
    const result = await apply(events);
    if (deps.store.calls.length === chunks) then();
    return result;
  };
}

describe('processBatchExactlyOnce', () => {
  it('applies a batch in one write and commits the next offset only afterwards', async () => {
    const ctx = recordingContext([eventMessage(0, id(1)), eventMessage(1, id(2)), eventMessage(2, id(3))]);
    const deps = recordingDeps();
    expect(await processBatchExactlyOnce(ctx, deps)).toBe('completed');
    expect(deps.store.calls).toStrictEqual([[id(1), id(2), id(3)]]);
    expect(deps.commits).toStrictEqual(['3']);
    expect(ctx.resolved).toStrictEqual(['2']);
  });

  it('applies a fetched batch chunk by chunk and commits once, past its last chunk', async () => {
    const ctx = recordingContext([0, 1, 2, 3, 4].map((n) => eventMessage(n, id(n))));
    const deps = recordingDeps({ chunkSize: 2 });
    expect(await processBatchExactlyOnce(ctx, deps)).toBe('completed');
    expect(deps.store.calls).toHaveLength(3);
    expect(deps.commits).toStrictEqual(['5']);
    expect(ctx.resolved).toStrictEqual(['4']);
  });

  it('commits nothing of a batch revoked after some chunks: the next owner re-reads them and the dedup absorbs them', async () => {
    const ctx = recordingContext([0, 1, 2, 3, 4].map((n) => eventMessage(n, id(n))));
    const deps = recordingDeps({ chunkSize: 2 });
    afterChunks(deps, 2, () => {
      ctx.stale = true;
    });
    expect(await processBatchExactlyOnce(ctx, deps)).toBe('abandoned');
    expect(deps.commits).toStrictEqual([]);

    // The next owner gets the same batch: the four applied events are duplicates, the fifth is applied once.
    const next = recordingContext([0, 1, 2, 3, 4].map((n) => eventMessage(n, id(n))));
    expect(await processBatchExactlyOnce(next, deps)).toBe('completed');
    expect([...deps.store.applied.values()]).toStrictEqual([1, 1, 1, 1, 1]);
    expect((await deps.metrics.duplicatesSkipped.get()).values[0]!.value).toBe(4);
    expect(deps.commits).toStrictEqual(['5']);
  });

  it('applies no more chunks once the replica is stopping, and leaves the batch uncommitted', async () => {
    const ctx = recordingContext([0, 1, 2, 3, 4].map((n) => eventMessage(n, id(n))));
    const deps = recordingDeps({ chunkSize: 2 });
    afterChunks(deps, 2, () => {
      ctx.running = false;
    });
    expect(await processBatchExactlyOnce(ctx, deps)).toBe('abandoned');
    expect(deps.store.calls).toHaveLength(2);
    expect(deps.commits).toStrictEqual([]);
  });

  it('skips events applied before (a redelivery) and counts them', async () => {
    const deps = recordingDeps();
    await processBatchExactlyOnce(recordingContext([eventMessage(0, id(1)), eventMessage(1, id(2))]), deps);
    await processBatchExactlyOnce(
      recordingContext([eventMessage(0, id(1)), eventMessage(1, id(2)), eventMessage(2, id(3))]),
      deps,
    );
    expect([...deps.store.applied.keys()]).toStrictEqual([id(1), id(2), id(3)]);
    expect((await deps.metrics.duplicatesSkipped.get()).values[0]!.value).toBe(2);
  });

  it('dead-letters poison before committing past it, and applies the good events around it', async () => {
    const ctx = recordingContext([eventMessage(0, id(1)), rawMessage(1, 'garbage'), eventMessage(2, id(2))]);
    const deps = recordingDeps();
    await processBatchExactlyOnce(ctx, deps);
    expect(deps.log).toStrictEqual(['dead-letter 1', 'commit 3']);
    expect(deps.deadLettered[0]).toMatchObject({ kind: 'invalid', attempts: 1 });
    expect([...deps.store.applied.keys()]).toStrictEqual([id(1), id(2)]);
  });

  it('retries a transient database error until it succeeds, without dead-lettering anything', async () => {
    const deps = recordingDeps({ maxAttempts: 2 });
    const down = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    deps.store.failures.push(down, down, down, down);
    await processBatchExactlyOnce(recordingContext([eventMessage(0, id(1))]), deps);
    expect(deps.store.calls).toHaveLength(5);
    expect(deps.deadLettered).toHaveLength(0);
    expect(deps.commits).toStrictEqual(['1']);
  });

  it('isolates an event the database refuses, dead-letters it after maxAttempts, and applies the rest', async () => {
    const deps = recordingDeps({ maxAttempts: 3 });
    deps.store.refused.add(id(2));
    await processBatchExactlyOnce(
      recordingContext([eventMessage(0, id(1)), eventMessage(1, id(2)), eventMessage(2, id(3))]),
      deps,
    );
    expect([...deps.store.applied.keys()].sort()).toStrictEqual([id(1), id(3)]);
    expect(deps.deadLettered).toHaveLength(1);
    expect(deps.deadLettered[0]).toMatchObject({ kind: 'failed', attempts: 3, source: { offset: '1' } });
    expect(deps.deadLettered[0]!.error).toContain('value out of range');
    expect(deps.commits).toStrictEqual(['3']);
  });

  it('abandons a batch whose partition was revoked: nothing is committed, the new owner re-reads it', async () => {
    const ctx = recordingContext([eventMessage(0, id(1))]);
    ctx.stale = true;
    const deps = recordingDeps();
    expect(await processBatchExactlyOnce(ctx, deps)).toBe('abandoned');
    expect(deps.store.calls).toHaveLength(0);
    expect(deps.commits).toHaveLength(0);
  });

  it('does not commit when the partition is revoked during the write', async () => {
    const ctx = recordingContext([eventMessage(0, id(1))]);
    const deps = recordingDeps();
    const apply = deps.store.applyExactlyOnce.bind(deps.store);
    deps.store.applyExactlyOnce = async (events) => {
      const result = await apply(events);
      ctx.stale = true;
      return result;
    };
    expect(await processBatchExactlyOnce(ctx, deps)).toBe('abandoned');
    expect(deps.store.applied.size).toBe(1);
    expect(deps.commits).toHaveLength(0);
  });

  it('treats a refused offset commit (rebalance in progress) as an abandoned batch, not an error', async () => {
    const ctx = recordingContext([eventMessage(0, id(1))]);
    const deps = recordingDeps();
    deps.commitError = new Error('The group is rebalancing, so a rejoin is needed');
    expect(await processBatchExactlyOnce(ctx, deps)).toBe('abandoned');
    expect(ctx.resolved).toHaveLength(0);
  });

  it('fires the crash failpoint after the write and before the commit', async () => {
    const order: string[] = [];
    const deps = recordingDeps({ chunkSize: 1 }, new Failpoint(2, () => order.push('crash')));
    const commit = deps.commit.bind(deps);
    deps.commit = async (...args) => {
      order.push('commit');
      await commit(...args);
    };
    await processBatchExactlyOnce(recordingContext([eventMessage(0, id(1)), eventMessage(1, id(2))]), deps);
    expect(order).toStrictEqual(['crash', 'commit']);
  });
});
