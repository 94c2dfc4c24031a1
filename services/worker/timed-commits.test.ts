import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { OffsetToCommit } from './timed-commits.js';
import { TimedOffsetCommitter } from './timed-commits.js';

describe('TimedOffsetCommitter', () => {
  it('commits only the latest offset per partition, and only when flushed', async () => {
    const commits: OffsetToCommit[][] = [];
    const committer = new TimedOffsetCommitter(async (o) => void commits.push(o), 60_000, pino({ level: 'silent' }));
    committer.processed({ topic: 't', partition: 0, offset: '1' });
    committer.processed({ topic: 't', partition: 0, offset: '2' });
    committer.processed({ topic: 't', partition: 1, offset: '7' });
    expect(commits).toHaveLength(0);
    await committer.flush();
    await committer.flush();
    expect(commits).toStrictEqual([
      [
        { topic: 't', partition: 0, offset: '2' },
        { topic: 't', partition: 1, offset: '7' },
      ],
    ]);
  });

  it('drops the offsets of a failed commit instead of throwing', async () => {
    const committer = new TimedOffsetCommitter(
      () => Promise.reject(new Error('rebalancing')),
      60_000,
      pino({ level: 'silent' }),
    );
    committer.processed({ topic: 't', partition: 0, offset: '1' });
    await expect(committer.flush()).resolves.toBeUndefined();
  });
});
