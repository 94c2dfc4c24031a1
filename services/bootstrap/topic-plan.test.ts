import { describe, expect, it } from 'vitest';
import type { DesiredTopic, ExistingTopic } from './topic-plan.js';
import { planTopics } from './topic-plan.js';

const events: DesiredTopic = {
  name: 'ledger-events',
  partitions: 12,
  replicationFactor: 3,
  minInsyncReplicas: 2,
  retentionMs: 604_800_000,
};
const matching: ExistingTopic = {
  name: 'ledger-events',
  partitions: 12,
  replicationFactor: 3,
  configs: { 'min.insync.replicas': '2', 'retention.ms': '604800000' },
};

describe('planTopics', () => {
  it('creates what is missing', () =>
    expect(planTopics([events], [])).toStrictEqual({ create: [events], mismatches: [] }));

  it('accepts an existing topic with the declared settings', () =>
    expect(planTopics([events], [matching])).toStrictEqual({ create: [], mismatches: [] }));

  it('refuses a topic with fewer partitions, naming what to do', () => {
    expect(planTopics([events], [{ ...matching, partitions: 6 }]).mismatches).toStrictEqual([
      'topic ledger-events: partitions is 6 on the brokers but env.yaml declares 12 (add partitions deliberately: it remaps keys to partitions)',
    ]);
  });

  it('refuses other settings: replication, min.insync.replicas, retention', () => {
    const drifted = { ...matching, replicationFactor: 1, configs: { 'min.insync.replicas': '1' } };
    expect(planTopics([events], [drifted]).mismatches).toStrictEqual([
      'topic ledger-events: replication factor is 1 on the brokers but env.yaml declares 3',
      'topic ledger-events: min.insync.replicas is 1 on the brokers but env.yaml declares 2',
      'topic ledger-events: retention.ms is unset on the brokers but env.yaml declares 604800000',
    ]);
  });
});
