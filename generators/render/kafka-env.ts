import type { EnvConfig } from '../../config/schema.js';
import type { KAFKA_CONNECTION_SETTINGS } from '../../services/shared/kafka/settings-contract.js';
import type { RenderedSettings } from '../../services/shared/settings-contract.js';

/** How a service reaches the brokers: addresses, and TLS + IAM (services/shared/kafka/security.ts reads these). */
export function kafkaSettings(config: EnvConfig): RenderedSettings<typeof KAFKA_CONNECTION_SETTINGS> {
  return {
    KAFKA_BROKERS: config.kafka.bootstrapServers,
    KAFKA_AUTH: config.kafka.auth,
    AWS_REGION: config.aws.region,
  };
}
