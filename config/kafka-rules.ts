import type { EnvConfig } from './schema.js';
import type { SemanticIssue } from './issues.js';

// MSK serves each authentication on its own port; a bootstrap address on another one is a plaintext listener (9092)
// or a typo, and the clients would fail to authenticate at start-up instead of here.
const MSK_PORT: Record<EnvConfig['kafka']['auth'], string> = { 'aws-msk-iam': '9098', tls: '9094' };

function listenerMatchesAuth(config: EnvConfig): SemanticIssue[] {
  const expected = MSK_PORT[config.kafka.auth];
  return config.kafka.bootstrapServers.flatMap((server, index) =>
    server.endsWith(`:${expected}`)
      ? []
      : [
          {
            path: ['kafka', 'bootstrapServers', index],
            message: `must use MSK's ${config.kafka.auth} listener on port ${expected}, got "${server}"`,
          },
        ],
  );
}

/** The peer holding AWS's API endpoints (STS among them): env.yaml's network.peers names it so. */
export const AWS_API_PEER = 'aws-api';

/**
 * With IAM auth a client signs its Kafka login with credentials its pod gets from STS (IRSA's
 * AssumeRoleWithWebIdentity), so every workload that reaches the brokers' IAM listener needs egress to STS too: the
 * NetworkPolicies deny everything else, and without it the client fails to log in, in the cluster only.
 */
function iamClientsReachSts(config: EnvConfig): SemanticIssue[] {
  if (config.kafka.auth !== 'aws-msk-iam') return [];
  const port = Number(MSK_PORT['aws-msk-iam']);
  const edges = config.network.edges;
  const kafkaClients = new Set(
    edges.filter((e) => e.port === port && e.to in config.network.peers && e.to !== AWS_API_PEER).map((e) => e.from),
  );
  const reachSts = new Set(edges.filter((e) => e.to === AWS_API_PEER && e.port === 443).map((e) => e.from));
  return [...kafkaClients]
    .filter((client) => !reachSts.has(client))
    .map((client) => ({
      path: ['network', 'edges'],
      message: `${client} reaches Kafka's IAM listener (${port}) but has no edge to ${AWS_API_PEER} on 443: its pods could not get the credentials (STS) to sign the login; add { from: ${client}, to: ${AWS_API_PEER}, port: 443 }`,
    }));
}

// One consumer per partition at most: KEDA never scales the worker past the partitions (semantic-rules.ts), and the
// topics bootstrap refuses a topic with fewer partitions than declared.
export function kafkaIssues(config: EnvConfig): SemanticIssue[] {
  return [...listenerMatchesAuth(config), ...iamClientsReachSts(config)];
}
