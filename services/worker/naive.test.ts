import { describe, expect, it } from 'vitest';
import { processBatchNaively } from './naive.js';
import { eventMessage, id, rawMessage, recordingContext, recordingDeps } from './testing.js';

describe('processBatchNaively', () => {
  it('applies each message on its own and marks it processed, leaving the commit to the timer', async () => {
    const ctx = recordingContext([eventMessage(0, id(1)), eventMessage(1, id(2))]);
    const deps = recordingDeps();
    expect(await processBatchNaively(ctx, deps)).toBe('completed');
    expect(deps.store.calls).toStrictEqual([[id(1)], [id(2)]]);
    expect(ctx.resolved).toStrictEqual(['0', '1']);
    expect(deps.commits).toHaveLength(0);
  });

  it('applies a redelivered event again: the flaw this mode exists to show', async () => {
    const deps = recordingDeps();
    await processBatchNaively(recordingContext([eventMessage(0, id(1))]), deps);
    await processBatchNaively(recordingContext([eventMessage(0, id(1))]), deps);
    expect(deps.store.applied.get(id(1))).toBe(2);
  });

  it('still dead-letters poison instead of dropping it', async () => {
    const deps = recordingDeps();
    await processBatchNaively(recordingContext([rawMessage(0, '{"id":1}')]), deps);
    expect(deps.deadLettered).toHaveLength(1);
    expect(deps.deadLettered[0]!.kind).toBe('invalid');
  });
});
