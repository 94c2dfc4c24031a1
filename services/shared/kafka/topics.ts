import type { Admin } from 'kafkajs';

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
}

/**
 * Creates the topics that do not exist yet (local stack and tests; in a cluster the infrastructure owns them).
 * Existing topics are left as they are: partition counts only ever grow by a deliberate change.
 */
export async function ensureTopics(admin: Admin, topics: readonly TopicSpec[], replicationFactor = 1): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  if (missing.length === 0) return;
  await admin.createTopics({
    waitForLeaders: true,
    topics: missing.map((t) => ({ topic: t.name, numPartitions: t.partitions, replicationFactor })),
  });
}
