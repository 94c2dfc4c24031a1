import { loadEnvironment } from '../../config/load.js';
import type { TopicDurability } from '../../services/shared/kafka/topics.js';
import { repoRoot } from '../stack/settings.js';

/** The events and dead-letter topics' replication and min ISR as an environment's env.yaml declares them. */
export interface DeclaredDurability {
  readonly events: TopicDurability;
  readonly deadLetters: TopicDurability;
}

/** Reads `environments/<name>/env.yaml` (validated as the render does), e.g. 'prod' for 3 copies, 2 in sync. */
export function declaredDurability(environment: string): DeclaredDurability {
  const { kafka } = loadEnvironment(repoRoot, environment).config;
  const pick = (t: TopicDurability): TopicDurability => ({
    replicationFactor: t.replicationFactor,
    minInsyncReplicas: t.minInsyncReplicas,
  });
  return { events: pick(kafka.topic), deadLetters: pick(kafka.deadLetterTopic) };
}
