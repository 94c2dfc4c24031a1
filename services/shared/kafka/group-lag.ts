import type { Admin } from 'kafkajs';

export interface PartitionLag {
  readonly partition: number;
  /** Messages between the group's committed offset (the log start when nothing is committed) and the high watermark. */
  readonly lag: number;
}

/** The consumer group's lag per partition of `topic`, as the broker sees it (committed offsets, high watermarks). */
export async function groupLag(
  admin: Pick<Admin, 'fetchTopicOffsets' | 'fetchOffsets'>,
  groupId: string,
  topic: string,
): Promise<PartitionLag[]> {
  const [ends, committed] = await Promise.all([
    admin.fetchTopicOffsets(topic),
    admin.fetchOffsets({ groupId, topics: [topic] }),
  ]);
  const committedByPartition = new Map((committed[0]?.partitions ?? []).map((p) => [p.partition, BigInt(p.offset)]));
  return ends.map((end) => {
    const high = BigInt(end.high);
    const low = BigInt(end.low);
    const at = committedByPartition.get(end.partition) ?? -1n;
    // -1 means nothing committed yet: everything from the log start is still to read.
    const from = at < 0n ? low : at;
    return { partition: end.partition, lag: Number(high > from ? high - from : 0n) };
  });
}
