import { describe, expect, it } from 'vitest';
import type { ForkingServer } from './cpu.js';
import { forkingServerTicks } from './cpu.js';

/**
 * A server (pid 1) with sessions 2 and 3, where session 3 ends and is reaped at a chosen moment of the reading:
 * after `reapAfterReads` reads of /proc, its 500 ticks move from its own counters to the server's reaped ones.
 */
function serverReapingDuringTheReading(reapAfterReads: number): ForkingServer {
  const own = new Map([
    [1, 10],
    [2, 200],
    [3, 500],
  ]);
  let reaped = 1000;
  let reads = 0;
  const read = () => {
    reads += 1;
    if (reads === reapAfterReads) {
      reaped += own.get(3)!;
      own.delete(3);
    }
  };
  return {
    processes: () => (read(), [...own.keys()]),
    ticks: (pid) => (read(), own.get(pid) ?? 0),
    reapedTicks: () => (read(), reaped),
  };
}

describe('forkingServerTicks', () => {
  it('counts a session that ends while it is read once, whenever it is reaped', () => {
    // 10 + 200 + 500 + 1000 in every case: the session's time is either its own or the server's reaped time.
    for (let reapAfterReads = 1; reapAfterReads <= 12; reapAfterReads += 1)
      expect(
        forkingServerTicks(serverReapingDuringTheReading(reapAfterReads)),
        `reaped after read ${reapAfterReads}`,
      ).toBe(1710);
  });
});
