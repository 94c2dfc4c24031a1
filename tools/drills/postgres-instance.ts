import fs from 'node:fs';
import path from 'node:path';
import {
  giveToServerAccount,
  makeServerDir,
  postgresAnswers,
  postgresPaths,
  runAsServerAccount,
} from '../stack/postgres.js';
import { tail, waitUntil } from '../stack/processes.js';
import type { StackSettings } from '../stack/settings.js';

/**
 * One PostgreSQL server of the restore drill's own (the archiving source or a scratch restore), on its own port and
 * data directory, run with the stack's binaries and credentials.
 */
export class PostgresInstance {
  readonly dataDir: string;
  readonly socketDir: string;
  readonly logFile: string;

  constructor(
    private readonly stack: StackSettings,
    readonly home: string,
    readonly port: number,
  ) {
    this.dataDir = path.join(home, 'data');
    this.socketDir = path.join(home, 'run');
    this.logFile = path.join(home, 'server.log');
  }

  get bin(): string {
    return postgresPaths(this.stack).bin;
  }

  url(database: string): string {
    const s = this.stack;
    return `postgres://${s.postgresUser}:${s.postgresPassword}@127.0.0.1:${this.port}/${database}`;
  }

  /** The settings every instance of the drill carries, written after the ones a base backup brings along. */
  connectionSettings(): Record<string, string> {
    return {
      listen_addresses: '127.0.0.1',
      port: String(this.port),
      unix_socket_directories: this.socketDir,
      max_connections: '100',
    };
  }

  /** Appends `name = 'value'` lines to a configuration file of the data directory (later lines win). */
  configure(file: 'postgresql.conf' | 'postgresql.auto.conf', settings: Record<string, string>, why: string): void {
    const lines = Object.entries(settings).map(([name, value]) => `${name} = '${value}'`);
    fs.appendFileSync(path.join(this.dataDir, file), `\n# ${why}\n${lines.join('\n')}\n`);
  }

  initdb(): void {
    makeServerDir(this.home);
    const pwFile = path.join(this.home, '.pwfile');
    fs.writeFileSync(pwFile, `${this.stack.postgresPassword}\n`, { mode: 0o600 });
    makeServerDir(this.socketDir);
    giveToServerAccount(pwFile);
    runAsServerAccount(path.join(this.bin, 'initdb'), [
      '-D',
      this.dataDir,
      '-U',
      this.stack.postgresUser,
      `--pwfile=${pwFile}`,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--encoding=UTF8',
      '--locale=C',
    ]);
    fs.rmSync(pwFile, { force: true });
  }

  /** Starts the server; `waitSeconds` bounds the start-up (a restore replays WAL before it answers). */
  async start(waitSeconds = 120): Promise<void> {
    makeServerDir(this.socketDir);
    try {
      runAsServerAccount(path.join(this.bin, 'pg_ctl'), [
        'start',
        '-w',
        '-t',
        String(waitSeconds),
        '-D',
        this.dataDir,
        '-l',
        this.logFile,
      ]);
    } catch (error) {
      throw new Error(`PostgreSQL in ${this.home} did not start:\n${tail(this.logFile)}`, { cause: error });
    }
    await waitUntil(
      () => postgresAnswers({ ...this.stack, postgresPort: this.port }, 'postgres'),
      waitSeconds * 1000,
      () => `PostgreSQL in ${this.home} does not answer:\n${tail(this.logFile)}`,
    );
  }

  running(): boolean {
    try {
      runAsServerAccount(path.join(this.bin, 'pg_ctl'), ['status', '-D', this.dataDir]);
      return true;
    } catch {
      return false;
    }
  }

  stop(mode: 'fast' | 'immediate' = 'fast'): void {
    if (this.running())
      runAsServerAccount(path.join(this.bin, 'pg_ctl'), ['stop', '-w', '-m', mode, '-D', this.dataDir]);
  }

  remove(): void {
    this.stop('immediate');
    fs.rmSync(this.home, { recursive: true, force: true });
  }
}
