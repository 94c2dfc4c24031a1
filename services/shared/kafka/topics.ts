import type { Admin, ITopicConfig } from 'kafkajs';

/** How many copies a topic keeps and how many an acks=all write needs (env.yaml's replicationFactor, minInsyncReplicas). */
export interface TopicDurability {
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
}

export interface TopicSpec {
  readonly name: string;
  readonly partitions: number;
  /** Unset: the brokers' defaults (one copy on a lone local broker; three, two in sync, on the local cluster). */
  readonly durability?: TopicDurability;
}

/**
 * Creates the topics that do not exist yet (local stack and tests; in a cluster the infrastructure owns them), with
 * the replication and min ISR given, so a local run on three brokers can use prod's values.
 * Existing topics are left as they are: partition counts only ever grow by a deliberate change.
 */
export async function ensureTopics(admin: Admin, topics: readonly TopicSpec[]): Promise<void> {
  const existing = new Set(await admin.listTopics());
  const missing = topics.filter((t) => !existing.has(t.name));
  if (missing.length === 0) return;
  await createTopicsWithLeaders(
    admin,
    missing.map((t) => ({
      topic: t.name,
      numPartitions: t.partitions,
      ...(t.durability && {
        replicationFactor: t.durability.replicationFactor,
        configEntries: [{ name: 'min.insync.replicas', value: String(t.durability.minInsyncReplicas) }],
      }),
    })),
  );
}

const LEADERS_WITHIN_MS = 30_000;

/**
 * Creates topics and resolves once every partition has a leader, as every broker asked reports it. On several
 * brokers, the broker that answers a metadata request may not know a topic created a moment ago ("This server does
 * not host this topic-partition"), which kafkajs's own waitForLeaders does not retry: the creation succeeded, only
 * the news has not spread yet, so this waits for it instead of failing.
 */
export async function createTopicsWithLeaders(admin: Admin, topics: ITopicConfig[]): Promise<void> {
  await admin.createTopics({ waitForLeaders: false, topics });
  const names = topics.map((t) => t.topic);
  const deadline = Date.now() + LEADERS_WITHIN_MS;
  let missing: string;
  for (;;) {
    try {
      const { topics: found } = await admin.fetchTopicMetadata({ topics: names });
      const leaderless = found.flatMap((t) =>
        t.partitions.filter((p) => p.leader < 0).map((p) => `${t.name}[${p.partitionId}]`),
      );
      if (leaderless.length === 0 && found.length === names.length) return;
      missing = `no leader yet for ${leaderless.join(', ')}`;
    } catch (error) {
      missing = (error as Error).message;
    }
    if (Date.now() > deadline) {
      throw new Error(`created ${names.join(', ')} but ${missing} after ${LEADERS_WITHIN_MS / 1000} s`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
