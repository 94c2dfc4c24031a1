import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { PostgresInstance } from '../drills/postgres-instance.js';
import { giveToServerAccount } from '../stack/postgres.js';
import { commandLine, waitUntil } from '../stack/processes.js';
import type { StackSettings } from '../stack/settings.js';
import type { ProcessGroup } from '../sync/process-group.js';
import type { StandInCa } from './stand-in-ca.js';

export interface StandInPostgres {
  readonly address: string;
  readonly port: number;
  readonly user: string;
  readonly password: string;
  /** A client configuration for the host side (the check itself), verifying the server as the pods do. */
  readonly clientConfig: (database: string) => pg.ClientConfig;
}

/**
 * PostgreSQL in place of RDS: listening on `address` (the node's, which pods route to) at the rendered port, refusing
 * anything but TLS as RDS does with `rds.force_ssl`, with a certificate for the rendered host name. It runs in the
 * rehearsal's process group (stopped with it) from a data directory of its own, with the local stack's credentials.
 */
/**
 * Stops a server a killed run left on the data directory (its postmaster.pid names it): it would still hold the
 * node's address and port, and the new one would fail with "Address already in use". SIGQUIT is PostgreSQL's
 * immediate shutdown; the data directory is thrown away next anyway.
 */
async function stopLeftoverServer(dataDir: string): Promise<void> {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  } catch {
    return;
  }
  // Only the server of this data directory: after a reboot the pid may be another process's.
  const alive = (): boolean => commandLine(pid).includes(` -D ${dataDir}`);
  if (!Number.isInteger(pid) || pid <= 0 || !alive()) return;
  process.kill(pid, 'SIGQUIT');
  await waitUntil(
    async () => !alive(),
    10_000,
    () => `the PostgreSQL left by an earlier run (pid ${pid}) did not stop`,
  );
}

export async function startStandInPostgres(options: {
  stack: StackSettings;
  home: string;
  group: ProcessGroup;
  address: string;
  port: number;
  host: string;
  database: string;
  ca: StandInCa;
}): Promise<StandInPostgres> {
  const { stack, home, group, address, port, host, ca } = options;
  await stopLeftoverServer(new PostgresInstance(stack, home, port).dataDir);
  fs.rmSync(home, { recursive: true, force: true });
  // The server runs as its own account, which must be able to reach its home through the parent.
  fs.mkdirSync(path.dirname(home), { recursive: true });
  fs.chmodSync(path.dirname(home), 0o755);
  const instance = new PostgresInstance(stack, home, port);
  instance.initdb();
  const certs = path.join(home, 'certs');
  fs.mkdirSync(certs, { mode: 0o700 });
  for (const [from, to] of [
    [ca.serverCert, 'server.crt'],
    [ca.serverKey, 'server.key'],
  ] as const) {
    fs.copyFileSync(from, path.join(certs, to));
    fs.chmodSync(path.join(certs, to), 0o600);
  }
  giveToServerAccount(certs);
  fs.writeFileSync(
    path.join(instance.dataDir, 'pg_hba.conf'),
    [
      'local all all trust',
      `hostssl all all ${address}/24 scram-sha-256`,
      // RDS with rds.force_ssl=1: a plaintext connection is refused, whatever its user.
      'hostnossl all all 0.0.0.0/0 reject',
      '',
    ].join('\n'),
  );
  instance.configure(
    'postgresql.conf',
    {
      listen_addresses: address,
      port: String(port),
      unix_socket_directories: instance.socketDir,
      max_connections: '200',
      ssl: 'on',
      ssl_cert_file: path.join(certs, 'server.crt'),
      ssl_key_file: path.join(certs, 'server.key'),
    },
    'the deploy rehearsal: RDS stand-in on the node network, TLS only',
  );
  fs.mkdirSync(instance.socketDir, { recursive: true });
  giveToServerAccount(instance.socketDir);
  group.start('postgres', 'runuser', [
    '-u',
    'postgres',
    '--',
    path.join(instance.bin, 'postgres'),
    '-D',
    instance.dataDir,
  ]);
  const caText = fs.readFileSync(ca.caFile, 'utf8');
  const clientConfig = (database: string): pg.ClientConfig => ({
    host: address,
    port,
    user: stack.postgresUser,
    password: stack.postgresPassword,
    database,
    connectionTimeoutMillis: 2000,
    ssl: { ca: caText, servername: host },
  });
  await waitUntil(
    async () => {
      group.assertRunning();
      const client = new pg.Client(clientConfig('postgres'));
      try {
        await client.connect();
        const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
        if (found.rowCount === 0) await client.query(`CREATE DATABASE "${options.database}"`);
        return true;
      } catch {
        return false;
      } finally {
        await client.end().catch(() => undefined);
      }
    },
    60_000,
    () => `the stand-in PostgreSQL did not answer on ${address}:${port} in 60 s (its log: postgres.log)`,
    500,
  );
  return { address, port, user: stack.postgresUser, password: stack.postgresPassword, clientConfig };
}
