import type { EnvConfig } from '../../config/schema.js';

/**
 * How a service reaches PostgreSQL: host, port and database as settings, user and password from the credentials
 * Secret (never a value in the render). The API needs it for its idempotency keys, the worker for the ledger.
 */
export function postgresSettings(config: EnvConfig): Record<string, string> {
  return {
    PGHOST: config.postgres.host,
    PGPORT: String(config.postgres.port),
    PGDATABASE: config.postgres.database,
  };
}

export function postgresSecretEnv(config: EnvConfig): Record<string, { secretName: string; key: string }> {
  const credentials = config.postgres.credentialsSecret;
  return {
    PGUSER: { secretName: credentials.name, key: credentials.usernameKey },
    PGPASSWORD: { secretName: credentials.name, key: credentials.passwordKey },
  };
}
