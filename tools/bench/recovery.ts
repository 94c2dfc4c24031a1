import { performance } from 'node:perf_hooks';
import type { LocalPlatform } from '../local/platform.js';
import type { TrafficShape } from '../../loadtests/events.js';
import { eventRequest } from '../../loadtests/events.js';
import { runOpenModel } from '../../loadtests/generator/open-model.js';
import { constant } from '../../loadtests/generator/schedule.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Per partition, the offset the group must commit to have processed everything produced so far. */
async function highWatermarks(platform: LocalPlatform): Promise<Map<number, bigint>> {
  const offsets = await platform.admin.fetchTopicOffsets(platform.scenario.topic);
  return new Map(offsets.map((o) => [o.partition, BigInt(o.high)]));
}

async function committed(platform: LocalPlatform): Promise<Map<number, bigint>> {
  const [topic] = await platform.admin.fetchOffsets({
    groupId: platform.scenario.consumerGroup,
    topics: [platform.scenario.topic],
  });
  return new Map((topic?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
}

// How long after the kill the target is read: at the trickle's rate every partition has received events by then.
const AFTER_KILL_MS = 500;

/**
 * Seconds from a SIGKILL of one of two workers (a node loss) until every partition, the dead replica's included, has
 * committed past what was produced until shortly after the kill: the survivor must notice, rejoin and process those
 * partitions. A steady trickle of events keeps every partition busy meanwhile. The target is read after the kill, not
 * at it: a replica that happened to be caught up when it died would otherwise leave nothing to recover, and the
 * measurement would say 0 s (a recorded run did) for a rebalance that had not even started.
 */
export async function recoverySeconds(
  platform: LocalPlatform,
  shape: TrafficShape,
  ratePerSec: number,
): Promise<number> {
  if (platform.fleet.size < 2) throw new Error('the recovery measurement needs two worker replicas');
  const stop = new AbortController();
  const load = runOpenModel({
    stop: stop.signal,
    origin: new URL(platform.api.url),
    stages: [constant(ratePerSec, 60_000)],
    request: (n) => eventRequest(shape, n),
    connections: 16,
    maxOutstanding: 10_000,
    maxArrivals: ratePerSec * 60 + 1,
    timeoutMs: 10_000,
  });
  try {
    await sleep(3000);
    await platform.fleet.kill(0);
    const killedAt = performance.now();
    await sleep(AFTER_KILL_MS);
    const target = await highWatermarks(platform);
    for (;;) {
      const now = await committed(platform);
      if ([...target].every(([partition, high]) => (now.get(partition) ?? -1n) >= high))
        return Math.round((performance.now() - killedAt) / 100) / 10;
      if (performance.now() - killedAt > 55_000) throw new Error('the partitions were not processed within 55 s');
      await sleep(100);
    }
  } finally {
    stop.abort();
    (await load).tally.destroy();
  }
}
