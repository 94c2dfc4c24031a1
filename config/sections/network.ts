import { Type } from '@sinclair/typebox';
import { port, strictObject, stringEnum } from '../schema-helpers.js';
import { Cidr } from './aws.js';
import { Labels, dnsLabel } from './common.js';

/**
 * Something outside this namespace that a workload talks to or hears from: pods of another namespace (by labels)
 * or addresses outside the cluster (by CIDR), never both.
 */
const Peer = strictObject({
  namespace: Type.Optional(dnsLabel),
  podLabels: Type.Optional(Labels),
  cidrs: Type.Optional(Type.Array(Cidr, { minItems: 1, uniqueItems: true })),
});

const Edge = strictObject({
  from: dnsLabel,
  to: dnsLabel,
  port: port('the destination port'),
  protocol: Type.Optional(stringEnum(['TCP', 'UDP'] as const, 'TCP (the default) or UDP')),
});

/** The traffic matrix: the only source of the rendered NetworkPolicies. Everything else is denied. */
export const NetworkSection = strictObject({
  peers: Type.Record(dnsLabel, Peer, { description: 'named peers outside the namespace, used in edges' }),
  edges: Type.Array(Edge, { minItems: 1, description: 'who may open connections to whom, on which port' }),
});
