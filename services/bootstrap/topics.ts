// Creates the topics env.yaml declares, or verifies existing ones and reports every difference (bootstrap/main.ts).
import type { Admin } from 'kafkajs';
// kafkajs is CommonJS, and Node's ES module loader does not see ConfigResourceTypes among its named exports (tsx
// does, so only the compiled service failed on it): read it from the module object.
import kafkajs from 'kafkajs';
import type { DesiredTopic, ExistingTopic, TopicPlan } from './topic-plan.js';
import { planTopics, topicConfigs } from './topic-plan.js';
import { createTopicsWithLeaders } from '../shared/kafka/topics.js';

async function describeTopics(admin: Admin, names: readonly string[]): Promise<ExistingTopic[]> {
  const present = new Set(await admin.listTopics());
  const wanted = names.filter((n) => present.has(n));
  if (wanted.length === 0) return [];
  const { topics } = await admin.fetchTopicMetadata({ topics: wanted });
  const configs = await admin.describeConfigs({
    includeSynonyms: false,
    resources: wanted.map((name) => ({ type: kafkajs.ConfigResourceTypes.TOPIC, name })),
  });
  return topics.map((t) => {
    const entries = configs.resources.find((r) => r.resourceName === t.name)?.configEntries ?? [];
    return {
      name: t.name,
      partitions: t.partitions.length,
      replicationFactor: t.partitions[0]?.replicas.length ?? 0,
      configs: Object.fromEntries(entries.map((e) => [e.configName, e.configValue])),
    };
  });
}

/** Applies the plan against the brokers: creates the missing topics, or returns the differences found. */
export async function bootstrapTopics(admin: Admin, desired: readonly DesiredTopic[]): Promise<TopicPlan> {
  const plan = planTopics(
    desired,
    await describeTopics(
      admin,
      desired.map((t) => t.name),
    ),
  );
  if (plan.mismatches.length > 0 || plan.create.length === 0) return plan;
  await createTopicsWithLeaders(
    admin,
    plan.create.map((t) => ({
      topic: t.name,
      numPartitions: t.partitions,
      replicationFactor: t.replicationFactor,
      configEntries: Object.entries(topicConfigs(t)).map(([name, value]) => ({ name, value })),
    })),
  );
  return plan;
}
