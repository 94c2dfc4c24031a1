import type { DBInstance, RDSClient } from '@aws-sdk/client-rds';
import {
  DeleteDBInstanceCommand,
  DescribeDBInstancesCommand,
  RestoreDBInstanceToPointInTimeCommand,
  waitUntilDBInstanceAvailable,
  waitUntilDBInstanceDeleted,
} from '@aws-sdk/client-rds';
import pg from 'pg';
import type { RestoreCheck } from '../restore/checks.js';
import type { ConsistentPoint } from '../restore/consistent-point.js';
import { markConsistentPoint } from '../restore/consistent-point.js';
import type { FailurePoint, RestoredDatabase, RestoreTarget } from '../restore/target.js';
import type { Say } from '../runner/progress.js';
import { sleep } from '../runner/progress.js';
import type { RestoreClusterSettings } from './settings.js';

/** The scratch instance of one run: `<source>-restore-drill-<yyyymmddhhmm>`, within RDS's 63 characters. */
export function scratchIdentifier(prefix: string, now: Date): string {
  return `${prefix}${now.toISOString().replace(/[-:T]/g, '').slice(0, 12)}`.slice(0, 63);
}

/** Scratch instances this drill made and may delete: its name prefix and its tag, both. */
export function isOwnScratch(
  instance: DBInstance,
  settings: Pick<RestoreClusterSettings, 'scratchPrefix' | 'scratchTag'>,
): boolean {
  return (
    (instance.DBInstanceIdentifier ?? '').startsWith(settings.scratchPrefix) &&
    (instance.TagList ?? []).some((t) => t.Key === settings.scratchTag.key && t.Value === settings.scratchTag.value)
  );
}

/**
 * The restore drill's target in AWS: RDS's point-in-time restore of the ledger's instance into a tagged scratch
 * instance (same subnets, security groups and parameter group as the source, never public, no deletion protection),
 * verified against the live ledger, then deleted. The IAM role allows these calls and no other (infra/access/data.ts).
 */
export class RdsRestoreTarget implements RestoreTarget {
  private scratch: string | undefined;
  private scratchSession: pg.Client | undefined;
  private liveSession: pg.Client | undefined;

  constructor(
    private readonly rds: RDSClient,
    private readonly settings: RestoreClusterSettings,
    private readonly connection: () => pg.ClientConfig,
    private readonly namespaceCheck: (say: Say) => Promise<RestoreCheck[]>,
  ) {}

  get description(): string {
    return `RDS ${this.settings.sourceInstance} in ${this.settings.region}: point-in-time restore into ${this.settings.scratchPrefix}*`;
  }

  private async describe(identifier: string): Promise<DBInstance> {
    const { DBInstances } = await this.rds.send(new DescribeDBInstancesCommand({ DBInstanceIdentifier: identifier }));
    const instance = DBInstances?.[0];
    if (!instance) throw new Error(`RDS instance ${identifier} not found`);
    return instance;
  }

  /** Deletes scratch instances an earlier run left behind (a run cut short by its deadline cannot clean up). */
  async prepare(say: Say): Promise<number> {
    const { DBInstances = [] } = await this.rds.send(new DescribeDBInstancesCommand({}));
    for (const leftover of DBInstances.filter(
      (i) => isOwnScratch(i, this.settings) && i.DBInstanceStatus !== 'deleting',
    )) {
      say(`deleting ${leftover.DBInstanceIdentifier}, left by an earlier run`);
      await this.deleteInstance(leftover.DBInstanceIdentifier!);
    }
    const { rows } = await (await this.live()).query<{ n: string }>('SELECT count(*)::text AS n FROM ledger_entries');
    return Number(rows[0]!.n);
  }

  async live(): Promise<pg.ClientBase> {
    if (!this.liveSession) {
      this.liveSession = new pg.Client(this.connection());
      await this.liveSession.connect();
    }
    return this.liveSession;
  }

  /**
   * The failure is now: the consistent point is taken on the live ledger (to a whole second: RDS restores to seconds),
   * RDS is asked how far it could restore at this moment (the RPO), and the drill waits until that reaches the point.
   */
  async failurePoint(say: Say): Promise<FailurePoint> {
    const point = await markConsistentPoint(await this.live(), { wholeSecond: true });
    const failedAt = new Date(point.at);
    const restorableAt = (await this.describe(this.settings.sourceInstance)).LatestRestorableTime;
    if (!restorableAt)
      throw new Error(`${this.settings.sourceInstance} reports no latest restorable time: are automated backups on?`);
    say(
      `latest restorable time at the failure: ${restorableAt.toISOString()}; waiting for it to pass ${point.restoreTime}`,
    );
    const deadline = Date.now() + 20 * 60_000;
    for (;;) {
      const latest = (await this.describe(this.settings.sourceInstance)).LatestRestorableTime;
      if (latest && latest.getTime() >= Date.parse(point.restoreTime)) break;
      if (Date.now() > deadline)
        throw new Error(`the latest restorable time did not reach ${point.restoreTime} in 20 minutes`);
      await sleep(30_000);
    }
    return {
      failedAt,
      point,
      rpoBasis: { kind: 'restorable-time', restorableAt },
      note: `consistent point taken on the live ledger at ${point.at}; RDS could restore to ${restorableAt.toISOString()} at that moment`,
    };
  }

  async restore(point: ConsistentPoint, say: Say): Promise<RestoredDatabase> {
    const source = await this.describe(this.settings.sourceInstance);
    const identifier = scratchIdentifier(this.settings.scratchPrefix, new Date());
    this.scratch = identifier;
    await this.rds.send(
      new RestoreDBInstanceToPointInTimeCommand({
        SourceDBInstanceIdentifier: this.settings.sourceInstance,
        TargetDBInstanceIdentifier: identifier,
        RestoreTime: new Date(point.restoreTime),
        DBSubnetGroupName: source.DBSubnetGroup?.DBSubnetGroupName,
        VpcSecurityGroupIds: (source.VpcSecurityGroups ?? []).flatMap((g) => g.VpcSecurityGroupId ?? []),
        DBParameterGroupName: source.DBParameterGroups?.[0]?.DBParameterGroupName,
        DBInstanceClass: this.settings.scratchInstanceClass ?? source.DBInstanceClass,
        MultiAZ: false,
        PubliclyAccessible: false,
        DeletionProtection: false,
        AutoMinorVersionUpgrade: false,
        CopyTagsToSnapshot: false,
        Tags: [{ Key: this.settings.scratchTag.key, Value: this.settings.scratchTag.value }],
      }),
    );
    say(`RDS is restoring ${this.settings.sourceInstance} at ${point.restoreTime} into ${identifier}`);
    await waitUntilDBInstanceAvailable(
      { client: this.rds, maxWaitTime: 3000, minDelay: 30, maxDelay: 60 },
      { DBInstanceIdentifier: identifier },
    );
    const endpoint = (await this.describe(identifier)).Endpoint;
    if (!endpoint?.Address) throw new Error(`${identifier} is available but has no endpoint`);
    const session = new pg.Client({ ...this.connection(), host: endpoint.Address, port: endpoint.Port });
    await session.connect();
    this.scratchSession = session;
    return { session, description: `RDS instance ${identifier}` };
  }

  /** Deletes an instance, waiting while RDS refuses because it is still being created or modified. */
  private async deleteInstance(identifier: string): Promise<void> {
    const deadline = Date.now() + 60 * 60_000;
    for (;;) {
      try {
        await this.rds.send(
          new DeleteDBInstanceCommand({
            DBInstanceIdentifier: identifier,
            SkipFinalSnapshot: true,
            DeleteAutomatedBackups: true,
          }),
        );
        break;
      } catch (error) {
        if ((error as Error).name !== 'InvalidDBInstanceStateFault' || Date.now() > deadline) throw error;
        await sleep(60_000);
      }
    }
    await waitUntilDBInstanceDeleted(
      { client: this.rds, maxWaitTime: 1800, minDelay: 30, maxDelay: 60 },
      { DBInstanceIdentifier: identifier },
    );
  }

  async discard(say: Say): Promise<void> {
    await this.scratchSession?.end().catch(() => undefined);
    if (!this.scratch) return;
    say(`deleting the scratch instance ${this.scratch}`);
    await this.deleteInstance(this.scratch);
    say(`${this.scratch} deleted`);
  }

  extraChecks(say: Say): Promise<RestoreCheck[]> {
    return this.namespaceCheck(say);
  }

  async close(): Promise<void> {
    await this.liveSession?.end().catch(() => undefined);
  }
}
