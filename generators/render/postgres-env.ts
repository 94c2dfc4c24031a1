import type { EnvConfig } from '../../config/schema.js';
import type {
  POSTGRES_CONNECTION_SETTINGS,
  POSTGRES_TLS_SETTINGS,
  databasePoolSettings,
} from '../../services/shared/runtime/settings-contract.js';
import type { RenderedSettings } from '../../services/shared/settings-contract.js';

/** Where the images hold RDS's CA bundle (images/Dockerfile). */
export const RDS_CA_BUNDLE = '/etc/ssl/certs/rds-global-bundle.pem';

/**
 * How a service reaches PostgreSQL: host, port and database as settings, user and password from the credentials
 * Secret (never a value in the render), over TLS that verifies the server (RDS forces TLS: infra/'s parameter group
 * sets rds.force_ssl). The API needs it for its idempotency keys, the worker for the ledger.
 */
export function postgresSettings(config: EnvConfig): RenderedSettings<typeof POSTGRES_CONNECTION_SETTINGS> {
  return {
    PGHOST: config.postgres.host,
    PGPORT: config.postgres.port,
    PGDATABASE: config.postgres.database,
    ...postgresTls(),
  };
}

/**
 * The connection and the pool's session timeouts: env.yaml's postgres.timeouts, the values RDS's parameter group
 * holds (infra/components/database.ts). A session sets its own, so without these a changed env.yaml value would reach
 * the server's defaults and never the services.
 */
export function postgresPoolSettings(config: EnvConfig): RenderedSettings<ReturnType<typeof databasePoolSettings>> {
  const { timeouts } = config.postgres;
  return {
    ...postgresSettings(config),
    DATABASE_STATEMENT_TIMEOUT_MS: timeouts.statementMs,
    DATABASE_LOCK_TIMEOUT_MS: timeouts.lockMs,
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: timeouts.idleInTransactionMs,
  };
}

/** TLS to RDS, verified against its CA bundle (services/shared/runtime/database-connection.ts). */
export function postgresTls(): RenderedSettings<typeof POSTGRES_TLS_SETTINGS> {
  return { DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: RDS_CA_BUNDLE };
}

export function postgresSecretEnv(config: EnvConfig): Record<string, { secretName: string; key: string }> {
  const credentials = config.postgres.credentialsSecret;
  return {
    PGUSER: { secretName: credentials.name, key: credentials.usernameKey },
    PGPASSWORD: { secretName: credentials.name, key: credentials.passwordKey },
  };
}
