import type { EnvConfig } from '../../config/schema.js';

/** Where the images hold RDS's CA bundle (images/Dockerfile). */
export const RDS_CA_BUNDLE = '/etc/ssl/certs/rds-global-bundle.pem';

/**
 * How a service reaches PostgreSQL: host, port and database as settings, user and password from the credentials
 * Secret (never a value in the render), over TLS that verifies the server (RDS forces TLS: infra/'s parameter group
 * sets rds.force_ssl). The API needs it for its idempotency keys, the worker for the ledger.
 */
export function postgresSettings(config: EnvConfig): Record<string, string> {
  return {
    PGHOST: config.postgres.host,
    PGPORT: String(config.postgres.port),
    PGDATABASE: config.postgres.database,
    ...postgresTls(),
  };
}

/** TLS to RDS, verified against its CA bundle (services/shared/runtime/database-connection.ts). */
export function postgresTls(): Record<string, string> {
  return { DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: RDS_CA_BUNDLE };
}

export function postgresSecretEnv(config: EnvConfig): Record<string, { secretName: string; key: string }> {
  const credentials = config.postgres.credentialsSecret;
  return {
    PGUSER: { secretName: credentials.name, key: credentials.usernameKey },
    PGPASSWORD: { secretName: credentials.name, key: credentials.passwordKey },
  };
}
