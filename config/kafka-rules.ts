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

// One consumer per partition at most: KEDA never scales the worker past the partitions (semantic-rules.ts), and the
// topics bootstrap refuses a topic with fewer partitions than declared.
export function kafkaIssues(config: EnvConfig): SemanticIssue[] {
  return listenerMatchesAuth(config);
}
