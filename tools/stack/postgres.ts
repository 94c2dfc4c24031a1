import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { StackSettings } from './settings.js';
import { portAcceptsConnections, tail, waitUntil } from './processes.js';

/** A PostgreSQL cluster of our own under .stack/postgres, run with the server binaries from Debian's packages. */
export interface PostgresPaths {
  readonly home: string;
  readonly bin: string;
  readonly dataDir: string;
  readonly socketDir: string;
  readonly logFile: string;
}

export function postgresPaths(s: StackSettings): PostgresPaths {
  const home = path.join(s.stackDir, 'postgres');
  return {
    home,
    bin: `/usr/lib/postgresql/${s.postgresMajor}/bin`,
    dataDir: path.join(home, 'data'),
    socketDir: path.join(home, 'run'),
    logFile: path.join(home, 'server.log'),
  };
}

// PostgreSQL refuses to run as root; as root we run it as the `postgres` account the Debian package creates.
const runningAsRoot = os.userInfo().uid === 0;
const SERVER_ACCOUNT = 'postgres';

function asServerAccount(command: string, args: string[]): [string, string[]] {
  return runningAsRoot ? ['runuser', ['-u', SERVER_ACCOUNT, '--', command, ...args]] : [command, args];
}

export function runAsServerAccount(command: string, args: string[]): string {
  const [cmd, argv] = asServerAccount(command, args);
  return execFileSync(cmd, argv, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

export function giveToServerAccount(file: string): void {
  if (runningAsRoot) execFileSync('chown', ['-R', `${SERVER_ACCOUNT}:${SERVER_ACCOUNT}`, file]);
}

export function makeServerDir(dir: string): void {
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  giveToServerAccount(dir);
}

function initCluster(s: StackSettings, p: PostgresPaths): void {
  if (fs.existsSync(path.join(p.dataDir, 'PG_VERSION'))) return;
  makeServerDir(p.home);
  const pwFile = path.join(p.home, '.pwfile');
  fs.writeFileSync(pwFile, `${s.postgresPassword}\n`, { mode: 0o600 });
  giveToServerAccount(pwFile);
  try {
    runAsServerAccount(path.join(p.bin, 'initdb'), [
      '-D',
      p.dataDir,
      '-U',
      s.postgresUser,
      `--pwfile=${pwFile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
    ]);
  } finally {
    fs.rmSync(pwFile, { force: true });
  }
}

export function postgresRunning(s: StackSettings): boolean {
  const p = postgresPaths(s);
  if (!fs.existsSync(path.join(p.dataDir, 'PG_VERSION'))) return false;
  try {
    runAsServerAccount(path.join(p.bin, 'pg_ctl'), ['status', '-D', p.dataDir]);
    return true;
  } catch {
    return false; // pg_ctl status exits 3 when the server is not running
  }
}

async function ensureDatabase(s: StackSettings): Promise<void> {
  const client = new pg.Client({
    host: '127.0.0.1',
    port: s.postgresPort,
    user: s.postgresUser,
    password: s.postgresPassword,
    database: 'postgres',
  });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [s.postgresDatabase]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${s.postgresDatabase}"`);
  } finally {
    await client.end();
  }
}

export async function postgresAnswers(s: StackSettings, database = s.postgresDatabase): Promise<boolean> {
  if (!(await portAcceptsConnections(s.postgresPort))) return false;
  const client = new pg.Client({
    host: '127.0.0.1',
    port: s.postgresPort,
    user: s.postgresUser,
    password: s.postgresPassword,
    database,
    connectionTimeoutMillis: 1000,
  });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function startPostgres(s: StackSettings): Promise<'started' | 'already running'> {
  const p = postgresPaths(s);
  if (!fs.existsSync(path.join(p.bin, 'postgres'))) {
    throw new Error(`PostgreSQL ${s.postgresMajor} is not installed in ${p.bin}; run: bash tools/install/postgres.sh`);
  }
  if (postgresRunning(s)) {
    await ensureDatabase(s);
    return 'already running';
  }
  if (await portAcceptsConnections(s.postgresPort)) {
    throw new Error(`port ${s.postgresPort} is taken by another process; set STACK_POSTGRES_PORT to a free port`);
  }
  initCluster(s, p);
  makeServerDir(p.socketDir);
  const serverOptions = `-p ${s.postgresPort} -k ${p.socketDir} -c listen_addresses=127.0.0.1 -c max_connections=200`;
  try {
    runAsServerAccount(path.join(p.bin, 'pg_ctl'), [
      'start',
      '-w',
      '-t',
      '60',
      '-D',
      p.dataDir,
      '-l',
      p.logFile,
      '-o',
      serverOptions,
    ]);
  } catch (error) {
    throw new Error(`PostgreSQL did not start: ${(error as Error).message}\n${tail(p.logFile)}`, { cause: error });
  }
  await waitUntil(
    () => postgresAnswers(s, 'postgres'),
    30_000,
    () => `PostgreSQL does not answer:\n${tail(p.logFile)}`,
  );
  await ensureDatabase(s);
  return 'started';
}

export function stopPostgres(s: StackSettings): 'stopped' | 'not running' {
  if (!postgresRunning(s)) return 'not running';
  const p = postgresPaths(s);
  runAsServerAccount(path.join(p.bin, 'pg_ctl'), ['stop', '-w', '-m', 'fast', '-D', p.dataDir]);
  return 'stopped';
}
