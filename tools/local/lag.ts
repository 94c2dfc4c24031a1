import type { Admin } from 'kafkajs';

/** Messages the group has not committed past yet, summed over the topic's partitions. */
export async function consumerLag(admin: Admin, groupId: string, topic: string): Promise<number> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  let lag = 0n;
  for (const end of ends) {
    const high = BigInt(end.high);
    const low = BigInt(end.low);
    const at = committedByPartition.get(end.partition) ?? -1n;
    // -1 means nothing committed yet: everything from the log start is still to read.
    lag += high - (at < 0n ? low : at);
  }
  return Number(lag);
}

/** Waits until the group's lag is zero, polling; returns the elapsed milliseconds or throws after `timeoutMs`. */
export async function waitForZeroLag(admin: Admin, groupId: string, topic: string, timeoutMs: number): Promise<number> {
  const started = Date.now();
  for (;;) {
    const lag = await consumerLag(admin, groupId, topic);
    if (lag === 0) return Date.now() - started;
    if (Date.now() - started > timeoutMs) throw new Error(`lag still ${lag} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
