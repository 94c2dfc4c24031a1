import { WORKLOADS, isWorkload } from './workloads.js';
import type { EnvConfig } from './schema.js';
import type { SemanticIssue } from './issues.js';

function describeKnown(config: EnvConfig): string {
  const peers = Object.keys(config.network.peers);
  return `a workload (${WORKLOADS.join(', ')}) or a peer under network.peers (${peers.length > 0 ? peers.join(', ') : 'none declared'})`;
}

/** Each edge names known endpoints, at least one of them ours, and no edge is declared twice. */
function edgesNameKnownEndpoints(config: EnvConfig): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  const seen = new Map<string, number>();
  config.network.edges.forEach((edge, index) => {
    for (const end of ['from', 'to'] as const) {
      const name = edge[end];
      if (!isWorkload(name) && !(name in config.network.peers)) {
        issues.push({
          path: ['network', 'edges', index, end],
          message: `unknown endpoint '${name}'; expected ${describeKnown(config)}`,
        });
      }
    }
    if (
      !isWorkload(edge.from) &&
      !isWorkload(edge.to) &&
      edge.from in config.network.peers &&
      edge.to in config.network.peers
    ) {
      issues.push({
        path: ['network', 'edges', index],
        message: `connects two peers (${edge.from} → ${edge.to}); an edge must start or end at a workload of this namespace`,
      });
    }
    const key = `${edge.from}>${edge.to}:${edge.port}/${edge.protocol ?? 'TCP'}`;
    const first = seen.get(key);
    if (first !== undefined)
      issues.push({ path: ['network', 'edges', index], message: `repeats network.edges[${first}]` });
    else seen.set(key, index);
  });
  return issues;
}

/** A peer is either pods of another namespace or CIDRs outside the cluster, and never shadows a workload's name. */
function peersAreWellFormed(config: EnvConfig): SemanticIssue[] {
  const issues: SemanticIssue[] = [];
  for (const [name, peer] of Object.entries(config.network.peers)) {
    const path = ['network', 'peers', name];
    if (isWorkload(name))
      issues.push({ path, message: `is the name of a workload of this namespace; choose another peer name` });
    if ((peer.cidrs === undefined) === (peer.namespace === undefined)) {
      issues.push({
        path,
        message: 'must have either cidrs (outside the cluster) or namespace (pods in the cluster), not both or neither',
      });
    }
    if (peer.podLabels !== undefined && peer.namespace === undefined) {
      issues.push({ path: [...path, 'podLabels'], message: 'only applies together with namespace' });
    }
  }
  return issues;
}

export function networkIssues(config: EnvConfig): SemanticIssue[] {
  return [...peersAreWellFormed(config), ...edgesNameKnownEndpoints(config)];
}
