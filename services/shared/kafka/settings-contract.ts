// How a service reaches the brokers (client.ts, security.ts), as one fragment every Kafka client's contract spreads.

export const KAFKA_CONNECTION_SETTINGS = {
  KAFKA_BROKERS: { type: 'list', rendered: 'always', description: 'Bootstrap brokers, host:port, comma-separated.' },
  KAFKA_AUTH: {
    type: 'enum',
    values: ['none', 'tls', 'aws-msk-iam'],
    default: 'none',
    rendered: 'always',
    readBy: 'services/shared/kafka/security.ts',
    description: 'TLS with an IAM token (MSK), TLS only, or plaintext (the local stack only).',
  },
  AWS_REGION: {
    type: 'string',
    optional: true,
    rendered: 'always',
    readBy: 'services/shared/kafka/security.ts',
    description: 'The region the MSK IAM token is signed for.',
  },
} as const;
