import pg from 'pg';
import type { Logger } from 'pino';
import { databaseSsl } from './database-connection.js';
import type { SettingsReader } from './env-reader.js';
import type { databasePoolSettings } from './settings-contract.js';
import { QUERY_TIMEOUT_MARGIN_MS } from './settings-contract.js';

/**
 * How the services talk to PostgreSQL. Every number bounds how long one fault can hold a connection, a lock or a
 * partition (docs/services.md, "Timeouts"); the server enforces the first three even when the client is gone.
 */
export interface DatabaseSettings {
  /** A connection string; when absent, pg reads PGHOST, PGPORT, PGDATABASE, PGUSER and PGPASSWORD. */
  readonly url: string | undefined;
  readonly poolSize: number;
  /** A statement running longer is cancelled by the server (57014); a chunk of 500 events takes milliseconds. */
  readonly statementTimeoutMs: number;
  /** Waiting longer for a row or table lock fails fast (55P03) instead of holding the partition behind a DDL. */
  readonly lockTimeoutMs: number;
  /** A session idle inside a transaction (a client that died mid-batch) is ended by the server, releasing its locks. */
  readonly idleInTransactionTimeoutMs: number;
  /** Giving up on opening a connection: an unreachable host must not hang a batch. */
  readonly connectTimeoutMs: number;
  /** Client-side limit on one query: the answer to a connection that went silent without a reset. */
  readonly queryTimeoutMs: number;
  /** TCP keepalive probes after this idle time, so a dead peer behind a NAT or a failed-over endpoint is noticed. */
  readonly keepAliveInitialDelayMs: number;
  /** TLS to the server (DATABASE_SSL_MODE, DATABASE_SSL_CA_FILE; database-connection.ts), checked at start-up. */
  readonly ssl: ReturnType<typeof databaseSsl>;
}

export function readDatabaseSettings(read: SettingsReader<ReturnType<typeof databasePoolSettings>>): DatabaseSettings {
  const statementTimeoutMs = read.integer('DATABASE_STATEMENT_TIMEOUT_MS');
  return {
    url: read.optionalString('DATABASE_URL'),
    poolSize: read.integer('DATABASE_POOL_SIZE'),
    statementTimeoutMs,
    lockTimeoutMs: read.integer('DATABASE_LOCK_TIMEOUT_MS'),
    idleInTransactionTimeoutMs: read.integer('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS'),
    connectTimeoutMs: read.integer('DATABASE_CONNECT_TIMEOUT_MS'),
    queryTimeoutMs: read.integer('DATABASE_QUERY_TIMEOUT_MS', statementTimeoutMs + QUERY_TIMEOUT_MARGIN_MS),
    keepAliveInitialDelayMs: read.integer('DATABASE_KEEPALIVE_DELAY_MS'),
    ssl: databaseSsl(),
  };
}

/** A pool that never crashes the process when the server goes away: errors surface on the next query instead. */
export function createPool(settings: DatabaseSettings, logger: Logger): pg.Pool {
  const pool = new pg.Pool({
    ...(settings.url ? { connectionString: settings.url } : {}),
    ssl: settings.ssl,
    max: settings.poolSize,
    connectionTimeoutMillis: settings.connectTimeoutMs,
    query_timeout: settings.queryTimeoutMs,
    statement_timeout: settings.statementTimeoutMs,
    lock_timeout: settings.lockTimeoutMs,
    idle_in_transaction_session_timeout: settings.idleInTransactionTimeoutMs,
    keepAlive: true,
    keepAliveInitialDelayMillis: settings.keepAliveInitialDelayMs,
  });
  // An idle client's error (the server restarted): the pool drops that client; the next query opens a new one.
  pool.on('error', (error) => logger.warn({ err: error }, 'idle database connection lost'));
  return pool;
}

// A checked-out client has no `error` listener of the pool's; without one of ours, a server that terminates the
// session mid-transaction (a restart, a failover) emits an unhandled 'error' and kills the process.
const guarded = new WeakSet<pg.PoolClient>();
const sessionErrors = new WeakMap<pg.PoolClient, Error>();

function guard(client: pg.PoolClient): void {
  sessionErrors.delete(client);
  if (guarded.has(client)) return;
  guarded.add(client);
  client.on('error', (error) => sessionErrors.set(client, error));
}

/**
 * Runs `work` in one transaction on a client of its own. A session that failed while checked out is destroyed
 * instead of returned to the pool, and the query in flight fails with the error, which the caller retries.
 */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  guard(client);
  let rollbackFailed: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((failure: Error) => {
      rollbackFailed = failure;
    });
    throw error;
  } finally {
    client.release(sessionErrors.get(client) ?? rollbackFailed ?? false);
  }
}
