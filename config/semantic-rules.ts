import { accountIssues } from './account-rules.js';
import { kafkaIssues } from './kafka-rules.js';
import { ADDON_NAMES } from './addons.js';
import { awsIssues } from './aws-rules.js';
import { loadtestIssues } from './loadtest-rules.js';
import type { SemanticIssue } from './issues.js';
import { networkIssues } from './network-rules.js';
import { cpuMillis, memoryMebibytes } from './quantities.js';
import type { EnvConfig } from './schema.js';
import { workerModeIssues } from './worker-rules.js';

function boundsInOrder(config: EnvConfig): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  for (const workload of ['api', 'worker'] as const) {
    const { minReplicas, maxReplicas } = config[workload].autoscaling;
    if (minReplicas > maxReplicas) {
      issues.push({
        path: [workload, 'autoscaling', 'minReplicas'],
        message: `must not exceed ${workload}.autoscaling.maxReplicas (${maxReplicas}), got ${minReplicas}`,
      });
    }
  }
  return issues;
}

// A consumer beyond the partition count gets no partition: it costs a rebalance and does nothing.
function workerBoundedByPartitions(config: EnvConfig): SemanticIssue[] {
  const { maxReplicas } = config.worker.autoscaling;
  const { partitions } = config.kafka.topic;
  if (maxReplicas <= partitions) return [];
  return [
    {
      path: ['worker', 'autoscaling', 'maxReplicas'],
      message: `must not exceed kafka.topic.partitions (${partitions}), got ${maxReplicas}`,
    },
  ];
}

function resourcesWithinLimits(config: EnvConfig): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  for (const workload of ['api', 'worker'] as const) {
    const { requests, limits } = config[workload].resources;
    if (cpuMillis(requests.cpu) > cpuMillis(limits.cpu)) {
      issues.push({
        path: [workload, 'resources', 'requests', 'cpu'],
        message: `must not exceed limits.cpu (${limits.cpu}), got ${requests.cpu}`,
      });
    }
    if (memoryMebibytes(requests.memory) > memoryMebibytes(limits.memory)) {
      issues.push({
        path: [workload, 'resources', 'requests', 'memory'],
        message: `must not exceed limits.memory (${limits.memory}), got ${requests.memory}`,
      });
    }
  }
  return issues;
}

function nameMatchesFolder(config: EnvConfig, folderName: string | undefined): SemanticIssue[] {
  if (folderName === undefined || config.name === folderName) return [];
  return [
    { path: ['name'], message: `must equal the environment's folder name '${folderName}', got "${config.name}"` },
  ];
}

function addonsAreKnown(config: EnvConfig): SemanticIssue[] {
  const known: readonly string[] = ADDON_NAMES;
  return Object.keys(config.addons)
    .filter((name) => !known.includes(name))
    .map((name) => ({
      path: ['addons', name],
      message: `is not an add-on of the catalog (platform-addons/catalog.ts): ${known.join(', ')}`,
    }));
}

export function semanticIssues(config: EnvConfig, folderName?: string): SemanticIssue[] {
  return [
    ...nameMatchesFolder(config, folderName),
    ...boundsInOrder(config),
    ...workerBoundedByPartitions(config),
    ...resourcesWithinLimits(config),
    ...networkIssues(config),
    ...loadtestIssues(config),
    ...addonsAreKnown(config),
    ...accountIssues(config),
    ...kafkaIssues(config),
    ...awsIssues(config),
    ...workerModeIssues(config),
  ];
}
