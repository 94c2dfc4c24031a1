import type { Admin } from 'kafkajs';
import { waitUntil } from './processes.js';

/** Who leads what on the local Kafka, for the fault tests that kill a leader or a group coordinator. */

/** The broker id that leads `topic`'s `partition`, per the cluster's current metadata. */
export async function partitionLeader(admin: Admin, topic: string, partition: number): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const found = topics[0]?.partitions.find((p) => p.partitionId === partition);
  if (found === undefined) throw new Error(`topic ${topic} has no partition ${partition}`);
  if (found.leader < 0) throw new Error(`topic ${topic} partition ${partition} has no leader right now`);
  return found.leader;
}

/** The broker that leads the most of `topic`'s partitions (the busiest under an even load), lowest id on a tie. */
export async function busiestLeader(admin: Admin, topic: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: [topic] });
  const counts = new Map<number, number>();
  for (const p of topics[0]?.partitions ?? []) counts.set(p.leader, (counts.get(p.leader) ?? 0) + 1);
  const ranked = [...counts.entries()].filter(([id]) => id >= 0).sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  if (ranked.length === 0) throw new Error(`topic ${topic} has no partition with a leader`);
  return ranked[0]![0];
}

/** Java's String.hashCode, which Kafka uses to place a group on a partition of __consumer_offsets. */
function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i += 1) hash = (Math.imul(31, hash) + text.charCodeAt(i)) | 0;
  return hash;
}

/** The partition of __consumer_offsets that holds a group (Kafka's `Utils.abs(groupId.hashCode) % partitions`). */
export function offsetsPartition(groupId: string, offsetsPartitions: number): number {
  return (javaStringHash(groupId) & 0x7fffffff) % offsetsPartitions;
}

/** The broker that coordinates `groupId`: the leader of its __consumer_offsets partition. */
export async function groupCoordinator(admin: Admin, groupId: string): Promise<number> {
  const { topics } = await admin.fetchTopicMetadata({ topics: ['__consumer_offsets'] });
  const partitions = topics[0]?.partitions.length ?? 0;
  if (partitions === 0) throw new Error('__consumer_offsets does not exist yet: no group has committed');
  return partitionLeader(admin, '__consumer_offsets', offsetsPartition(groupId, partitions));
}

/** Resolves once every partition of `topics` has all its replicas in sync (what MSK waits for between brokers). */
export async function waitForFullIsr(admin: Admin, topics: string[], timeoutMs: number): Promise<void> {
  let behind: string[] = [];
  await waitUntil(
    async () => {
      const metadata = await admin.fetchTopicMetadata({ topics }).catch(() => undefined);
      if (!metadata) return false;
      behind = metadata.topics.flatMap((t) =>
        t.partitions
          .filter((p) => p.isr.length < p.replicas.length)
          .map((p) => `${t.name}[${p.partitionId}] in sync ${p.isr.join(',')} of ${p.replicas.join(',')}`),
      );
      return behind.length === 0;
    },
    timeoutMs,
    () => `replicas still out of sync after ${timeoutMs / 1000} s: ${behind.join('; ')}`,
  );
}

/** Resolves once no partition of `topic` is led by `brokerId` nor leaderless: the election after losing it. */
export async function waitForElection(admin: Admin, topic: string, brokerId: number, timeoutMs: number): Promise<void> {
  let still: number[] = [];
  await waitUntil(
    async () => {
      const metadata = await admin.fetchTopicMetadata({ topics: [topic] }).catch(() => undefined);
      if (!metadata) return false;
      still = (metadata.topics[0]?.partitions ?? [])
        .filter((p) => p.leader === brokerId || p.leader < 0)
        .map((p) => p.partitionId);
      return still.length === 0;
    },
    timeoutMs,
    () =>
      `partitions ${still.join(', ')} of ${topic} still had no new leader ${timeoutMs / 1000} s after broker ${brokerId} was lost`,
  );
}
