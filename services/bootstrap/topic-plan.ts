/** A topic as env.yaml declares it (rendered into the bootstrap ConfigMap as TOPICS). */
export interface DesiredTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly minInsyncReplicas: number;
  readonly retentionMs: number;
  /** Largest record the topic takes (max.message.bytes); unset: the broker's default. */
  readonly maxMessageBytes?: number;
}

/** A topic as the brokers report it. */
export interface ExistingTopic {
  readonly name: string;
  readonly partitions: number;
  readonly replicationFactor: number;
  readonly configs: Readonly<Record<string, string | undefined>>;
}

export interface TopicPlan {
  readonly create: readonly DesiredTopic[];
  /** One sentence per difference: the sync fails on any of them, and nothing is changed behind anyone's back. */
  readonly mismatches: readonly string[];
}

/** Topic configs the platform sets and therefore checks on existing topics. */
export function topicConfigs(topic: DesiredTopic): Record<string, string> {
  return {
    'min.insync.replicas': String(topic.minInsyncReplicas),
    'retention.ms': String(topic.retentionMs),
    ...(topic.maxMessageBytes === undefined ? {} : { 'max.message.bytes': String(topic.maxMessageBytes) }),
  };
}

/**
 * What the bootstrap must do: create the missing topics, and refuse (with a message naming topic, setting, found and
 * declared) any existing topic that differs, whether it has fewer partitions, more, or other settings.
 */
export function planTopics(desired: readonly DesiredTopic[], existing: readonly ExistingTopic[]): TopicPlan {
  const found = new Map(existing.map((t) => [t.name, t]));
  const create = desired.filter((t) => !found.has(t.name));
  const mismatches = desired.flatMap((want) => {
    const have = found.get(want.name);
    if (!have) return [];
    const differences: [string, string | number | undefined, string | number][] = [
      ['partitions', have.partitions, want.partitions],
      ['replication factor', have.replicationFactor, want.replicationFactor],
      ...Object.entries(topicConfigs(want)).map(([key, value]): [string, string | undefined, string] => [
        key,
        have.configs[key],
        value,
      ]),
    ];
    return differences
      .filter(([, is, should]) => String(is) !== String(should))
      .map(
        ([setting, is, should]) =>
          `topic ${want.name}: ${setting} is ${is ?? 'unset'} on the brokers but env.yaml declares ${should}` +
          (setting === 'partitions' && Number(is) < Number(should)
            ? ' (add partitions deliberately: it remaps keys to partitions)'
            : ''),
      );
  });
  return { create, mismatches };
}
