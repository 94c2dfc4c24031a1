import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import type { ConsistentPoint } from '../../services/drills/restore/consistent-point.js';
import { markConsistentPoint } from '../../services/drills/restore/consistent-point.js';
import type { FailurePoint, RestoredDatabase, RestoreTarget } from '../../services/drills/restore/target.js';
import type { Say } from '../../services/drills/runner/progress.js';
import { sleep } from '../../services/drills/runner/progress.js';
import { LocalPlatform } from '../local/platform.js';
import { freePort } from '../local/ports.js';
import { giveToServerAccount, makeServerDir, runAsServerAccount } from '../stack/postgres.js';
import type { ConnectionSettings, StackSettings } from '../stack/settings.js';
import { writeLedger } from './ledger-writer.js';
import { PostgresInstance } from './postgres-instance.js';
import { WalArchive } from './wal-archive.js';

export interface LocalRestoreOptions {
  readonly events: number;
  /** The longest a written transaction waits before its WAL segment is archived: the RPO's main term. */
  readonly archiveTimeoutSeconds: number;
  /** How often the drill marks a consistent point while the ledger is written: the RPO's second term. */
  readonly markerIntervalMs: number;
  readonly workers: number;
  readonly logDir: string;
}

/**
 * The restore drill on the local stack. The source is a PostgreSQL server of the drill's own with continuous WAL
 * archiving into a folder (the stack's own server runs without archiving), a base backup taken before the ledger is
 * written, and the ledger written through the API and the worker. At the failure the archive is frozen as it stands;
 * the restore replays it onto a copy of the base backup in a scratch server on its own port, to the newest consistent
 * point the frozen archive covers.
 */
export class LocalRestoreTarget implements RestoreTarget {
  private readonly markers: ConsistentPoint[] = [];
  private marking = false;
  private markerLoop: Promise<void> = Promise.resolve();
  private scratch: PostgresInstance | undefined;
  private scratchSession: pg.Client | undefined;
  private readonly frozenDir: string;
  private readonly baseDir: string;

  private constructor(
    private readonly options: LocalRestoreOptions,
    private readonly stack: StackSettings,
    private readonly root: string,
    private readonly source: PostgresInstance,
    private readonly archive: WalArchive,
    private readonly platform: LocalPlatform,
    private readonly session: pg.Client,
  ) {
    this.frozenDir = path.join(root, 'archive-at-failure');
    this.baseDir = path.join(root, 'base-backup');
  }

  static async start(
    options: LocalRestoreOptions,
    connection: ConnectionSettings,
    stack: StackSettings,
  ): Promise<LocalRestoreTarget> {
    const root = path.join(stack.stackDir, 'drills', `restore-${Date.now()}`);
    // Traversable by the server account, which owns what lies inside.
    fs.mkdirSync(root, { recursive: true });
    for (const dir of [path.dirname(root), root]) fs.chmodSync(dir, 0o755);
    const source = new PostgresInstance(stack, path.join(root, 'source'), await freePort());
    const archive = new WalArchive(path.join(root, 'wal-archive'));
    source.initdb();
    archive.create();
    source.configure(
      'postgresql.conf',
      {
        ...source.connectionSettings(),
        wal_level: 'replica',
        archive_mode: 'on',
        archive_command: archive.archiveCommand(),
        archive_timeout: String(options.archiveTimeoutSeconds),
        // Less WAL to archive and to replay: compressed full-page images, and checkpoints (each followed by a
        // full-page image of every page touched again) only every 4 GB or 15 minutes, as on a production primary.
        wal_compression: 'lz4',
        max_wal_size: '4GB',
        checkpoint_timeout: '15min',
      },
      'The restore drill: continuous archiving, a segment forced out at least every archive_timeout seconds.',
    );
    await source.start();
    const platform = await LocalPlatform.start({
      connection: { kafkaBrokers: connection.kafkaBrokers, databaseUrl: source.url('postgres') },
      label: 'restore',
      partitions: 4,
      mode: 'after',
      logDir: options.logDir,
    });
    const session = new pg.Client({ connectionString: platform.scenario.databaseUrl });
    await session.connect();
    return new LocalRestoreTarget(options, stack, root, source, archive, platform, session);
  }

  get description(): string {
    return `local stack: source PostgreSQL on port ${this.source.port} archiving WAL to ${path.relative(this.stack.repoRoot, this.archive.dir)} (archive_timeout ${this.options.archiveTimeoutSeconds} s), database ${this.platform.scenario.database}`;
  }

  async prepare(say: Say): Promise<number> {
    makeServerDir(this.baseDir);
    runAsServerAccount(path.join(this.source.bin, 'pg_basebackup'), [
      '-h',
      this.source.socketDir,
      '-p',
      String(this.source.port),
      '-U',
      this.stack.postgresUser,
      '-D',
      this.baseDir,
      '-Fp',
      '-Xstream',
      '-c',
      'fast',
    ]);
    say(`base backup taken (pg_basebackup) into ${path.relative(this.stack.repoRoot, this.baseDir)}`);
    await Promise.all(Array.from({ length: this.options.workers }, () => this.platform.fleet.startReady()));
    this.startMarking();
    await writeLedger(
      {
        apiUrl: this.platform.api.url,
        events: this.options.events,
        accountPrefix: 'drill-restore-',
        accounts: 1000,
        batchSize: 500,
        concurrency: 4,
      },
      say,
    );
    await this.platform.waitForDrain(600_000);
    const { rows } = await this.session.query<{ n: string; last: string }>(
      'SELECT count(*)::text AS n, coalesce(max(entry_id), 0)::text AS last FROM ledger_entries',
    );
    say(`ledger written through the API and the worker: ${Number(rows[0]!.n).toLocaleString('en-US')} entries`);
    await this.waitUntilArchived(BigInt(rows[0]!.last), say);
    return Number(rows[0]!.n);
  }

  /**
   * The failure comes once the archive holds a consistent point that covers the whole written ledger. On a fast
   * machine the ledger is written in about a second, sooner than a segment leaves for the archive: a failure at
   * that moment would restore an empty ledger, and the drill would compare nothing with nothing.
   */
  private async waitUntilArchived(lastEntryId: bigint, say: Say): Promise<void> {
    const started = Date.now();
    const limitMs = (2 * this.options.archiveTimeoutSeconds + 30) * 1000 + 2 * this.options.markerIntervalMs;
    for (;;) {
      const covering = this.markers.filter((m) => BigInt(m.lastEntryId) >= lastEntryId);
      if (covering.some((m) => this.archive.holds(m.walFile))) {
        say(
          `the archive holds a consistent point covering every entry (${((Date.now() - started) / 1000).toFixed(1)} s after the drain)`,
        );
        return;
      }
      if (Date.now() - started > limitMs)
        throw new Error(
          `no consistent point covering entry ${lastEntryId} reached the WAL archive within ${limitMs / 1000} s: is archive_command failing? (see the source server's log)`,
        );
      await sleep(200);
    }
  }

  private startMarking(): void {
    this.marking = true;
    this.markerLoop = (async () => {
      while (this.marking) {
        // A point that could not be taken (a lock wait cut short) is simply skipped: the next comes a second later.
        const point = await markConsistentPoint(this.session, { wholeSecond: false }).catch(() => undefined);
        if (point) this.markers.push(point);
        await sleep(this.options.markerIntervalMs);
      }
    })();
  }

  async live(): Promise<pg.ClientBase> {
    return this.session;
  }

  async failurePoint(say: Say): Promise<FailurePoint> {
    const failedAt = new Date();
    const frozen = new Set(this.archive.freeze(this.frozenDir));
    this.marking = false;
    await this.markerLoop;
    await this.platform.fleet.stopAll();
    const covered = this.markers.filter((m) => frozen.has(m.walFile));
    const point = covered.at(-1);
    if (!point)
      throw new Error(
        `the archive held no consistent point at the failure (${frozen.size} files): it is older than the whole drill`,
      );
    say(
      `archive frozen at the failure: ${frozen.size} files; ${covered.length} of ${this.markers.length} consistent points covered`,
    );
    return {
      failedAt,
      point,
      rpoBasis: { kind: 'restore' },
      note: `failure simulated at ${failedAt.toISOString()} by freezing the WAL archive (${frozen.size} files); restored to the newest of ${this.markers.length} consistent points (one every ${this.options.markerIntervalMs} ms) whose WAL the frozen archive held`,
    };
  }

  async restore(point: ConsistentPoint, say: Say): Promise<RestoredDatabase> {
    const scratch = new PostgresInstance(this.stack, path.join(this.root, 'scratch'), await freePort());
    this.scratch = scratch;
    makeServerDir(scratch.home);
    const copyStarted = Date.now();
    // cp -a keeps the server account's ownership and the 0700 mode the server insists on.
    execFileSync('cp', ['-a', this.baseDir, scratch.dataDir]);
    say(
      `base backup copied into ${path.relative(this.stack.repoRoot, scratch.dataDir)} in ${((Date.now() - copyStarted) / 1000).toFixed(1)} s; replaying the archive`,
    );
    scratch.configure(
      'postgresql.auto.conf',
      {
        ...scratch.connectionSettings(),
        archive_mode: 'off',
        restore_command: `cp ${this.frozenDir}/%f %p`,
        // PostgreSQL reads this as timestamptz input, but not in ISO 8601's T…Z spelling.
        recovery_target_time: point.restoreTime.replace('T', ' ').replace('Z', '+00'),
        recovery_target_action: 'promote',
        // Replay reads pages back and forth: room to keep them (the default is 128 MB).
        shared_buffers: '512MB',
      },
      'The restore drill: replay the frozen archive up to the consistent point, then become a primary.',
    );
    const signal = path.join(scratch.dataDir, 'recovery.signal');
    fs.writeFileSync(signal, '');
    giveToServerAccount(signal);
    await scratch.start(600);
    const session = new pg.Client({ connectionString: scratch.url(this.platform.scenario.database) });
    await session.connect();
    this.scratchSession = session;
    for (;;) {
      const { rows } = await session.query<{ recovering: boolean }>('SELECT pg_is_in_recovery() AS recovering');
      if (!rows[0]!.recovering) break;
      await sleep(100);
    }
    return { session, description: `a scratch PostgreSQL on port ${scratch.port}` };
  }

  async discard(): Promise<void> {
    await this.scratchSession?.end().catch(() => undefined);
    fs.mkdirSync(this.options.logDir, { recursive: true });
    if (this.scratch && fs.existsSync(this.scratch.logFile)) {
      fs.copyFileSync(this.scratch.logFile, path.join(this.options.logDir, 'scratch-postgres.log'));
      this.scratch.remove();
    }
  }

  async extraChecks(): Promise<[]> {
    return [];
  }

  async close(): Promise<void> {
    this.marking = false;
    await this.markerLoop.catch(() => undefined);
    await this.session.end().catch(() => undefined);
    await this.platform.stop();
    fs.mkdirSync(this.options.logDir, { recursive: true });
    fs.copyFileSync(this.source.logFile, path.join(this.options.logDir, 'source-postgres.log'));
    this.source.remove();
    fs.rmSync(this.root, { recursive: true, force: true });
  }
}
