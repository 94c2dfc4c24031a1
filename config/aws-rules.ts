import type { EnvConfig } from './schema.js';
import type { SemanticIssue } from './issues.js';

// Cross-field rules on the sizes infra/ builds from (account and ARN agreement: account-rules.ts).

function nodeGroupSizesInOrder(config: EnvConfig): SemanticIssue[] {
  return config.aws.nodeGroups.flatMap((group, index) =>
    group.minSize <= group.desiredSize && group.desiredSize <= group.maxSize
      ? []
      : [
          {
            path: ['aws', 'nodeGroups', index, 'desiredSize'],
            message: `must lie between minSize (${group.minSize}) and maxSize (${group.maxSize}), got ${group.desiredSize}`,
          },
        ],
  );
}

function endpointNotOpenToTheWorld(config: EnvConfig): SemanticIssue[] {
  return config.aws.clusterEndpoint.publicAccessCidrs.flatMap((cidr, index) =>
    cidr.endsWith('/0')
      ? [
          {
            path: ['aws', 'clusterEndpoint', 'publicAccessCidrs', index],
            message: `must not open the Kubernetes API to the whole internet, got ${cidr}`,
          },
        ]
      : [],
  );
}

/** Brokers can only spread over zones the VPC has; every topic needs as many brokers as copies. */
function brokersHoldTheTopics(config: EnvConfig): SemanticIssue[] {
  const { brokers } = config.kafka;
  const issues: SemanticIssue[] = [];
  if (brokers.zones > config.aws.availabilityZones) {
    issues.push({
      path: ['kafka', 'brokers', 'zones'],
      message: `must not exceed aws.availabilityZones (${config.aws.availabilityZones}), got ${brokers.zones}`,
    });
  }
  const brokerCount = brokers.zones * brokers.perZone;
  for (const topic of ['topic', 'deadLetterTopic'] as const) {
    const { replicationFactor, minInsyncReplicas } = config.kafka[topic];
    if (replicationFactor > brokerCount) {
      issues.push({
        path: ['kafka', topic, 'replicationFactor'],
        message: `must not exceed the broker count (kafka.brokers zones × perZone = ${brokerCount}), got ${replicationFactor}`,
      });
    }
    // With min.insync.replicas equal to the copies, losing one broker stops every acks=all write.
    if (replicationFactor > 1 && minInsyncReplicas >= replicationFactor) {
      issues.push({
        path: ['kafka', topic, 'minInsyncReplicas'],
        message: `must be below replicationFactor (${replicationFactor}) so a broker may restart, got ${minInsyncReplicas}`,
      });
    }
  }
  return issues;
}

function databaseSizesInOrder(config: EnvConfig): SemanticIssue[] {
  const { storageGiB, maxStorageGiB } = config.postgres.instance;
  if (maxStorageGiB >= storageGiB) return [];
  return [
    {
      path: ['postgres', 'instance', 'maxStorageGiB'],
      message: `must be at least storageGiB (${storageGiB}), got ${maxStorageGiB}`,
    },
  ];
}

// A statement still running when the grace period ends is killed with its pod, half-way through a batch.
function statementsEndWithinGracePeriod(config: EnvConfig): SemanticIssue[] {
  const graceMs = config.worker.terminationGracePeriodSeconds * 1000;
  const { statementMs } = config.postgres.timeouts;
  if (statementMs < graceMs) return [];
  return [
    {
      path: ['postgres', 'timeouts', 'statementMs'],
      message: `must be below worker.terminationGracePeriodSeconds (${graceMs} ms), got ${statementMs}`,
    },
  ];
}

export function awsIssues(config: EnvConfig): SemanticIssue[] {
  return [
    ...nodeGroupSizesInOrder(config),
    ...endpointNotOpenToTheWorld(config),
    ...brokersHoldTheTopics(config),
    ...databaseSizesInOrder(config),
    ...statementsEndWithinGracePeriod(config),
  ];
}
