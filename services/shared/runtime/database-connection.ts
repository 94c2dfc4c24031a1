import fs from 'node:fs';
import type { ConnectionOptions } from 'node:tls';
import type pg from 'pg';

export const DATABASE_SSL_MODES = ['disable', 'verify-full'] as const;
export type DatabaseSslMode = (typeof DATABASE_SSL_MODES)[number];

/**
 * How every connection to PostgreSQL is encrypted. `verify-full`: TLS, the server's certificate must chain to
 * `DATABASE_SSL_CA_FILE` (RDS's CA bundle, which Node's own store does not hold) and name the host; RDS with
 * `rds.force_ssl=1` refuses anything less. `disable`: plaintext, for the local stack only. Nothing in between: a TLS
 * that accepts any certificate protects against nobody who can answer in the server's place.
 */
export function databaseSsl(env: NodeJS.ProcessEnv = process.env): false | ConnectionOptions {
  const mode = env.DATABASE_SSL_MODE ?? 'disable';
  if (!(DATABASE_SSL_MODES as readonly string[]).includes(mode))
    throw new Error(`DATABASE_SSL_MODE must be one of ${DATABASE_SSL_MODES.join(', ')}, got "${mode}"`);
  if (mode === 'disable') return false;
  const caFile = env.DATABASE_SSL_CA_FILE;
  if (!caFile) return { rejectUnauthorized: true };
  let ca: string;
  try {
    ca = fs.readFileSync(caFile, 'utf8');
  } catch (error) {
    throw new Error(`DATABASE_SSL_CA_FILE ${caFile} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  if (!ca.includes('-----BEGIN CERTIFICATE-----'))
    throw new Error(`DATABASE_SSL_CA_FILE ${caFile} holds no PEM certificate`);
  return { rejectUnauthorized: true, ca };
}

/**
 * Where and how to connect: DATABASE_URL, or else the PG* variables pg reads itself (the pods' settings and the
 * credentials Secret), always with the TLS of `databaseSsl`.
 */
export function databaseClientConfig(env: NodeJS.ProcessEnv = process.env): pg.ClientConfig {
  return { ...(env.DATABASE_URL ? { connectionString: env.DATABASE_URL } : {}), ssl: databaseSsl(env) };
}
