import type { EnvConfig } from '../../config/schema.js';

/** How a service reaches the brokers: addresses, and TLS + IAM (services/shared/kafka/security.ts reads these). */
export function kafkaSettings(config: EnvConfig): Record<string, string> {
  return {
    KAFKA_BROKERS: config.kafka.bootstrapServers.join(','),
    KAFKA_AUTH: config.kafka.auth,
    AWS_REGION: config.aws.region,
  };
}
