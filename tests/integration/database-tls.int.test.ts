import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseClientConfig } from '../../services/shared/runtime/database-connection.js';
import { PostgresInstance } from '../../tools/drills/postgres-instance.js';
import { freePort } from '../../tools/local/ports.js';
import { giveToServerAccount, runAsServerAccount } from '../../tools/stack/postgres.js';
import { loadStackSettings } from '../../tools/stack/stack.js';

// A PostgreSQL of its own that refuses plaintext as RDS does with rds.force_ssl=1, with a certificate for the name
// `localhost` signed by a CA of the test's own: what the services' TLS settings must get right against RDS.
const stack = loadStackSettings();
const home = path.join(stack.stackDir, `tls-test-${process.pid}`);
const certs = path.join(home, 'certs');
let server: PostgresInstance;

function openssl(args: string[]): void {
  execFileSync('openssl', args, { cwd: certs, stdio: 'ignore' });
}

/** A CA and a server certificate it signs for DNS name `localhost` only (no IP address). */
function makeCertificates(): void {
  fs.mkdirSync(certs, { recursive: true });
  for (const ca of ['ca', 'other-ca'])
    openssl([
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      `/CN=${ca}`,
      '-keyout',
      `${ca}.key`,
      '-out',
      `${ca}.crt`,
    ]);
  openssl([
    'req',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-subj',
    '/CN=localhost',
    '-keyout',
    'server.key',
    '-out',
    'server.csr',
  ]);
  fs.writeFileSync(path.join(certs, 'san.ext'), 'subjectAltName = DNS:localhost\n');
  openssl([
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.crt',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-days',
    '2',
    '-extfile',
    'san.ext',
    '-out',
    'server.crt',
  ]);
}

function config(env: Record<string, string>, host = 'localhost'): pg.ClientConfig {
  const s = stack;
  return {
    ...databaseClientConfig({ PGHOST: host, ...env }),
    host,
    port: server.port,
    user: s.postgresUser,
    password: s.postgresPassword,
    database: 'postgres',
    connectionTimeoutMillis: 5000,
  };
}

async function sessionUsesTls(cfg: pg.ClientConfig): Promise<boolean> {
  const client = new pg.Client(cfg);
  await client.connect();
  try {
    const { rows } = await client.query<{ ssl: boolean }>('SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()');
    return rows[0]!.ssl;
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  fs.mkdirSync(home, { recursive: true });
  fs.chmodSync(home, 0o755);
  makeCertificates();
  server = new PostgresInstance(stack, path.join(home, 'server'), await freePort());
  server.initdb();
  server.configure('postgresql.conf', server.connectionSettings(), 'The TLS test server.');
  await server.start();
  for (const file of ['server.crt', 'server.key']) {
    const target = path.join(server.dataDir, file);
    fs.copyFileSync(path.join(certs, file), target);
    fs.chmodSync(target, 0o600);
    giveToServerAccount(target);
  }
  server.configure('postgresql.conf', { ssl: 'on', ssl_cert_file: 'server.crt', ssl_key_file: 'server.key' }, 'TLS.');
  fs.writeFileSync(
    path.join(server.dataDir, 'pg_hba.conf'),
    'local all all trust\nhostssl all all 127.0.0.1/32 scram-sha-256\nhostnossl all all 127.0.0.1/32 reject\n',
  );
  runAsServerAccount(path.join(server.bin, 'pg_ctl'), ['reload', '-D', server.dataDir]);
  await new Promise((resolve) => setTimeout(resolve, 1000));
}, 120_000);

afterAll(() => {
  server?.remove();
  fs.rmSync(home, { recursive: true, force: true });
});

describe('database TLS (DATABASE_SSL_MODE, DATABASE_SSL_CA_FILE)', () => {
  it('verify-full with the CA bundle connects over TLS', async () => {
    const ca = path.join(certs, 'ca.crt');
    expect(await sessionUsesTls(config({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: ca }))).toBe(true);
  });

  it('is refused by a server that forces TLS when TLS is off', async () => {
    await expect(sessionUsesTls(config({ DATABASE_SSL_MODE: 'disable' }))).rejects.toThrow(/no encryption|reject/);
  });

  it('refuses a server whose certificate another CA signed', async () => {
    const other = path.join(certs, 'other-ca.crt');
    await expect(
      sessionUsesTls(config({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: other })),
    ).rejects.toThrow(/self.signed|unable to (get|verify)/i);
  });

  it('refuses a certificate that does not name the host connected to', async () => {
    const ca = path.join(certs, 'ca.crt');
    await expect(
      sessionUsesTls(config({ DATABASE_SSL_MODE: 'verify-full', DATABASE_SSL_CA_FILE: ca }, '127.0.0.1')),
    ).rejects.toThrow(/IP: 127\.0\.0\.1 is not in the cert's list/);
  });
});
