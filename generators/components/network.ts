import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { platformLabels, selectorLabels } from '../render/labels.js';
import type { Workload } from '../../config/workloads.js';
import { isWorkload } from '../../config/workloads.js';

type Edge = EnvConfig['network']['edges'][number];
type PolicyPeer = k8s.NetworkPolicyPeer;

const NAMESPACE_NAME_LABEL = 'kubernetes.io/metadata.name';

/** How a policy in this namespace refers to one end of an edge: a workload here, pods elsewhere, or CIDRs. */
export function policyPeers(config: EnvConfig, name: string): PolicyPeer[] {
  if (isWorkload(name)) return [{ podSelector: { matchLabels: selectorLabels(name) } }];
  const peer = config.network.peers[name];
  if (!peer) throw new Error(`network edge names unknown endpoint '${name}'`);
  if (peer.cidrs) return peer.cidrs.map((cidr) => ({ ipBlock: { cidr } }));
  return [
    {
      namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: peer.namespace! } },
      ...(peer.podLabels ? { podSelector: { matchLabels: peer.podLabels } } : {}),
    },
  ];
}

function edgePort(edge: Edge): k8s.NetworkPolicyPort {
  return { port: k8s.IntOrString.fromNumber(edge.port), protocol: edge.protocol ?? 'TCP' };
}

/** Policy names say what they allow: `egress-<from>-to-<to>-<port>` and `ingress-<to>-from-<from>-<port>`. */
export function edgePolicyNames(edge: Edge): { egress?: string; ingress?: string } {
  const suffix = `${edge.port}${edge.protocol === 'UDP' ? '-udp' : ''}`;
  return {
    ...(isWorkload(edge.from) ? { egress: `egress-${edge.from}-to-${edge.to}-${suffix}` } : {}),
    ...(isWorkload(edge.to) ? { ingress: `ingress-${edge.to}-from-${edge.from}-${suffix}` } : {}),
  };
}

/**
 * Default deny in both directions for every pod of the namespace, DNS for all, and for each edge of the matrix
 * exactly one rule on each end that lives in this namespace: egress on the source, ingress on the destination.
 * A connection needs both, so an edge between two workloads here renders two policies and any other edge one.
 */
export function renderNetworkPolicies(scope: Construct, config: EnvConfig): void {
  const namespace = config.namespace;
  const labels = platformLabels();
  new k8s.KubeNetworkPolicy(scope, 'default-deny', {
    metadata: { name: 'default-deny', namespace, labels },
    spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
  });
  new k8s.KubeNetworkPolicy(scope, 'allow-dns', {
    metadata: { name: 'allow-dns', namespace, labels },
    spec: {
      podSelector: {},
      policyTypes: ['Egress'],
      egress: [
        {
          to: [
            {
              namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: 'kube-system' } },
              podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } },
            },
          ],
          ports: [
            { port: k8s.IntOrString.fromNumber(53), protocol: 'UDP' },
            { port: k8s.IntOrString.fromNumber(53), protocol: 'TCP' },
          ],
        },
      ],
    },
  });
  for (const edge of config.network.edges) {
    const names = edgePolicyNames(edge);
    const ports = [edgePort(edge)];
    if (names.egress && isWorkload(edge.from)) {
      allowPolicy(scope, namespace, names.egress, edge.from, { egress: [{ to: policyPeers(config, edge.to), ports }] });
    }
    if (names.ingress && isWorkload(edge.to)) {
      allowPolicy(scope, namespace, names.ingress, edge.to, {
        ingress: [{ from: policyPeers(config, edge.from), ports }],
      });
    }
  }
}

/** One allow rule, in one direction, for the pods of one workload. */
function allowPolicy(
  scope: Construct,
  namespace: string,
  name: string,
  workload: Workload,
  rule: { egress: k8s.NetworkPolicyEgressRule[] } | { ingress: k8s.NetworkPolicyIngressRule[] },
): void {
  new k8s.KubeNetworkPolicy(scope, name, {
    metadata: { name, namespace, labels: platformLabels() },
    spec: {
      podSelector: { matchLabels: selectorLabels(workload) },
      policyTypes: ['egress' in rule ? 'Egress' : 'Ingress'],
      ...rule,
    },
  });
}
