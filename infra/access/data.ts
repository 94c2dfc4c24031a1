import type { EnvConfig } from '../../config/schema.js';
import type { PolicyStatement } from '../components/identities.js';
import { RESTORE_DRILL_TAG, restoreDrillInstancePrefix } from '../naming.js';

const useKeyThrough = (keyArn: string, service: string, region: string): PolicyStatement => ({
  Sid: 'UseKeyThroughService',
  Effect: 'Allow',
  Action: ['kms:Decrypt', 'kms:GenerateDataKey'],
  Resource: keyArn,
  // The key works only through the one service, never for raw decryption.
  Condition: { StringEquals: { 'kms:ViaService': `${service}.${region}.amazonaws.com` } },
});

/** Velero: objects of its own bucket, and EBS snapshots it tagged. */
export function veleroAccess(region: string, bucketArn: string, keyArn: string): PolicyStatement[] {
  return [
    {
      Sid: 'Bucket',
      Effect: 'Allow',
      Action: ['s3:ListBucket', 's3:GetBucketLocation', 's3:ListBucketMultipartUploads'],
      Resource: bucketArn,
    },
    {
      Sid: 'Objects',
      Effect: 'Allow',
      Action: [
        's3:GetObject',
        's3:PutObject',
        's3:DeleteObject',
        's3:AbortMultipartUpload',
        's3:ListMultipartUploadParts',
      ],
      Resource: `${bucketArn}/*`,
    },
    useKeyThrough(keyArn, 's3', region),
    {
      Sid: 'DescribeVolumes',
      Effect: 'Allow',
      Action: ['ec2:DescribeVolumes', 'ec2:DescribeSnapshots'],
      Resource: '*',
    },
    {
      Sid: 'SnapshotAndRestoreVolumes',
      Effect: 'Allow',
      Action: ['ec2:CreateSnapshot', 'ec2:CreateVolume', 'ec2:CreateTags'],
      Resource: '*',
    },
    {
      Sid: 'DeleteOwnSnapshots',
      Effect: 'Allow',
      Action: 'ec2:DeleteSnapshot',
      Resource: '*',
      Condition: { Null: { 'aws:ResourceTag/velero.io/backup': 'false' } },
    },
  ];
}

/** External Secrets: read the database credentials secret, and nothing else in Secrets Manager. */
export function externalSecretsAccess(region: string, secretArn: string, keyArn: string): PolicyStatement[] {
  return [
    {
      Sid: 'ReadDatabaseCredentials',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: secretArn,
    },
    { ...useKeyThrough(keyArn, 'secretsmanager', region), Action: ['kms:Decrypt'] },
  ];
}

export interface RestoreDrillTargets {
  readonly region: string;
  readonly accountId: string;
  readonly sourceInstanceArn: string;
  readonly subnetGroupName: string;
  readonly parameterGroupName: string;
  readonly keyArn: string;
}

/**
 * The restore drill: a point-in-time restore of the ledger's instance into a scratch instance named
 * `<identifier>-restore-drill-*` that must carry the drill's tag, and deletion of instances that carry it. It cannot
 * modify or delete the source, nor any untagged instance.
 */
export function restoreDrillAccess(config: EnvConfig, targets: RestoreDrillTargets): PolicyStatement[] {
  const rds = `arn:aws:rds:${targets.region}:${targets.accountId}`;
  const tagKey = RESTORE_DRILL_TAG.key;
  const scratch = `${rds}:db:${restoreDrillInstancePrefix(config)}*`;
  return [
    { Sid: 'Describe', Effect: 'Allow', Action: ['rds:DescribeDBInstances', 'rds:DescribeDBSnapshots'], Resource: '*' },
    {
      Sid: 'RestoreFromSource',
      Effect: 'Allow',
      Action: 'rds:RestoreDBInstanceToPointInTime',
      Resource: [
        targets.sourceInstanceArn,
        `${rds}:subgrp:${targets.subnetGroupName}`,
        `${rds}:pg:${targets.parameterGroupName}`,
        // The drill names no option group, so the restore uses the engine's default one, which IAM checks too.
        `${rds}:og:default:postgres-${config.postgres.instance.engineVersion.split('.')[0]}`,
      ],
    },
    {
      Sid: 'RestoreIntoTaggedScratch',
      Effect: 'Allow',
      Action: ['rds:RestoreDBInstanceToPointInTime', 'rds:AddTagsToResource'],
      Resource: scratch,
      Condition: { StringEquals: { [`aws:RequestTag/${tagKey}`]: RESTORE_DRILL_TAG.value } },
    },
    {
      Sid: 'DeleteTaggedScratch',
      Effect: 'Allow',
      Action: 'rds:DeleteDBInstance',
      Resource: scratch,
      Condition: { StringEquals: { [`aws:ResourceTag/${tagKey}`]: RESTORE_DRILL_TAG.value } },
    },
    // A restored instance is encrypted with the source's key: RDS needs the drill to be allowed to use it.
    {
      Sid: 'UseDatabaseKeyThroughRds',
      Effect: 'Allow',
      Action: ['kms:CreateGrant', 'kms:DescribeKey'],
      Resource: targets.keyArn,
      Condition: { StringEquals: { 'kms:ViaService': `rds.${targets.region}.amazonaws.com` } },
    },
  ];
}

/**
 * Secrets that operators create by hand in AWS Secrets Manager (API client tokens, alert receivers, Grafana's login),
 * by name: Secrets Manager appends six random characters to a secret's ARN.
 */
export function namedSecretsAccess(
  region: string,
  accountId: string,
  names: readonly string[],
  keyArn: string,
): PolicyStatement[] {
  return [
    {
      Sid: 'ReadNamedSecrets',
      Effect: 'Allow',
      Action: ['secretsmanager:GetSecretValue', 'secretsmanager:DescribeSecret'],
      Resource: names.map((name) => `arn:aws:secretsmanager:${region}:${accountId}:secret:${name}-??????`),
    },
    { ...useKeyThrough(keyArn, 'secretsmanager', region), Sid: 'DecryptNamedSecrets', Action: ['kms:Decrypt'] },
  ];
}
