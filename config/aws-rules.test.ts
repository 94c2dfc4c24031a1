import { describe, expect, it } from 'vitest';
import { committedEnvYaml } from './testing.js';
import { awsIssues } from './aws-rules.js';
import { parseEnvConfig } from './load.js';
import type { EnvConfig } from './schema.js';

function committed(environment: string): EnvConfig {
  return parseEnvConfig(committedEnvYaml(environment), `environments/${environment}/env.yaml`, environment);
}

/** The committed config of an environment with one change applied, and the issues the AWS rules find in it. */
function issuesAfter(environment: string, change: (config: EnvConfig) => void): string[] {
  const config = structuredClone(committed(environment));
  change(config);
  return awsIssues(config).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
}

describe('AWS rules of env.yaml', () => {
  it.each(['dev', 'staging', 'prod'])('find nothing in the committed %s config', (environment) => {
    expect(issuesAfter(environment, () => {})).toStrictEqual([]);
  });

  it('reject a node group that starts outside its own bounds', () => {
    expect(issuesAfter('prod', (c) => (c.aws.nodeGroups[0]!.desiredSize = 12))).toStrictEqual([
      'aws.nodeGroups.0.desiredSize: must lie between minSize (3) and maxSize (9), got 12',
    ]);
  });

  it('reject a Kubernetes API open to the whole internet', () => {
    expect(issuesAfter('dev', (c) => (c.aws.clusterEndpoint.publicAccessCidrs = ['0.0.0.0/0']))).toStrictEqual([
      'aws.clusterEndpoint.publicAccessCidrs.0: must not open the Kubernetes API to the whole internet, got 0.0.0.0/0',
    ]);
  });

  it('reject more copies of a topic than brokers, and a min.insync.replicas that stops writes when one broker restarts', () => {
    const issues = issuesAfter('prod', (c) => {
      c.kafka.topic.replicationFactor = 4;
      c.kafka.deadLetterTopic.minInsyncReplicas = 3;
    });
    expect(issues).toStrictEqual([
      'kafka.topic.replicationFactor: must not exceed the broker count (kafka.brokers zones × perZone = 3), got 4',
      'kafka.deadLetterTopic.minInsyncReplicas: must be below replicationFactor (3) so a broker may restart, got 3',
    ]);
  });

  it('reject brokers over more zones than the VPC has', () => {
    const issues = issuesAfter('dev', (c) => {
      c.aws.availabilityZones = 2;
      c.kafka.brokers.zones = 3;
    });
    expect(issues).toContain('kafka.brokers.zones: must not exceed aws.availabilityZones (2), got 3');
  });

  it('reject a storage ceiling below the allocated storage', () => {
    expect(issuesAfter('prod', (c) => (c.postgres.instance.maxStorageGiB = 50))).toStrictEqual([
      'postgres.instance.maxStorageGiB: must be at least storageGiB (100), got 50',
    ]);
  });

  it('reject a statement timeout that outlives the worker grace period', () => {
    expect(issuesAfter('dev', (c) => (c.postgres.timeouts.statementMs = 60_000))).toStrictEqual([
      'postgres.timeouts.statementMs: must be below worker.terminationGracePeriodSeconds (60000 ms), got 60000',
    ]);
  });
});
