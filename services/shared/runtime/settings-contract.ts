// How a service reaches PostgreSQL (database.ts, database-connection.ts), as fragments the contracts spread.
import { tunable } from '../settings-contract.js';

/** Where: pg reads the PG* variables itself. */
const POSTGRES_ADDRESS_SETTINGS = {
  PGHOST: { type: 'string', optional: true, rendered: 'always', readBy: 'pg', description: 'The server’s host.' },
  PGPORT: {
    type: 'integer',
    min: 1,
    max: 65535,
    default: 5432,
    rendered: 'always',
    readBy: 'pg',
    description: 'The server’s port.',
  },
  PGDATABASE: { type: 'string', optional: true, rendered: 'always', readBy: 'pg', description: 'The ledger database.' },
} as const;

const FROM_CREDENTIALS_SECRET = {
  type: 'string',
  optional: true,
  rendered: 'always',
  readBy: 'pg',
  secret: true,
  description: 'From the credentials Secret (a reference in the render, never a value).',
} as const;

/** As whom: from the credentials Secret. */
export const POSTGRES_CREDENTIAL_SETTINGS = {
  PGUSER: FROM_CREDENTIALS_SECRET,
  PGPASSWORD: FROM_CREDENTIALS_SECRET,
} as const;

/** TLS to the server, checked at start-up (database-connection.ts databaseSsl). */
export const POSTGRES_TLS_SETTINGS = {
  DATABASE_SSL_MODE: {
    type: 'enum',
    values: ['disable', 'verify-full'],
    default: 'disable',
    rendered: 'always',
    readBy: 'services/shared/runtime/database-connection.ts',
    description: 'verify-full: TLS against DATABASE_SSL_CA_FILE; disable: plaintext, the local stack only.',
  },
  DATABASE_SSL_CA_FILE: {
    type: 'string',
    optional: true,
    rendered: 'always',
    readBy: 'services/shared/runtime/database-connection.ts',
    description: 'The CA bundle the server’s certificate must chain to (RDS’s, in the image).',
  },
} as const;

/** Everything a connection needs (database-connection.ts databaseClientConfig). */
export const POSTGRES_CONNECTION_SETTINGS = {
  ...POSTGRES_ADDRESS_SETTINGS,
  ...POSTGRES_CREDENTIAL_SETTINGS,
  DATABASE_URL: {
    type: 'string',
    optional: true,
    rendered: 'never',
    readBy: 'services/shared/runtime/database-connection.ts',
    description: 'A connection string in place of the PG* variables: the local stack and tests.',
  },
  ...POSTGRES_TLS_SETTINGS,
} as const;

/**
 * The pool and the session timeouts of a service that holds a pool (database.ts readDatabaseSettings). The three
 * server-side timeouts are rendered from env.yaml's postgres.timeouts, the same values as RDS's parameter group:
 * a session sets its own, so a value changed in env.yaml only reaches the services through the render.
 */
export function databasePoolSettings(poolSize: number) {
  return {
    ...POSTGRES_CONNECTION_SETTINGS,
    DATABASE_POOL_SIZE: tunable(1, 100, poolSize, 'Connections the pool holds at most.'),
    DATABASE_STATEMENT_TIMEOUT_MS: {
      type: 'integer',
      min: 100,
      max: 600_000,
      default: 5000,
      rendered: 'always',
      description: 'The server cancels a statement running longer (env.yaml postgres.timeouts.statementMs).',
    },
    DATABASE_LOCK_TIMEOUT_MS: {
      type: 'integer',
      min: 100,
      max: 600_000,
      default: 2000,
      rendered: 'always',
      description: 'Waiting longer for a lock fails fast (env.yaml postgres.timeouts.lockMs).',
    },
    DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS: {
      type: 'integer',
      min: 1000,
      max: 3_600_000,
      default: 10_000,
      rendered: 'always',
      description: 'The server ends a session idle in a transaction (env.yaml postgres.timeouts.idleInTransactionMs).',
    },
    DATABASE_CONNECT_TIMEOUT_MS: tunable(100, 120_000, 3000, 'Giving up on opening a connection.'),
    DATABASE_QUERY_TIMEOUT_MS: {
      type: 'integer',
      min: 200,
      max: 600_000,
      defaultFrom: 'DATABASE_STATEMENT_TIMEOUT_MS + 2000',
      rendered: 'may',
      description: 'Client-side limit on one query: a connection gone silent without a reset.',
    },
    DATABASE_KEEPALIVE_DELAY_MS: tunable(1000, 600_000, 10_000, 'TCP keepalive probes after this idle time.'),
  } as const;
}

/** The client's own margin over the server's statement timeout (database.ts's default query timeout). */
export const QUERY_TIMEOUT_MARGIN_MS = 2000;

/** The logger's level: main.ts reads it before anything else, so that start-up problems are logged. */
export function logLevelSetting(fallback: 'info' | 'warn') {
  return {
    LOG_LEVEL: {
      type: 'enum',
      values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
      default: fallback,
      rendered: 'may',
      readBy: 'main.ts (pino)',
      description: 'The least severe level logged.',
    },
  } as const;
}
