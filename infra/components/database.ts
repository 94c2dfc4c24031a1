import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { EnvConfig } from '../../config/schema.js';
import { databaseIdentifier } from '../naming.js';
import type { Context } from './context.js';
import { encryptionKey } from './encryption.js';
import { admitFromNodes } from './firewall.js';
import type { Network } from './network.js';

export interface Database {
  readonly instance: aws.rds.Instance;
  readonly credentials: aws.secretsmanager.Secret;
  readonly key: aws.kms.Key;
  readonly subnetGroup: aws.rds.SubnetGroup;
  readonly parameterGroup: aws.rds.ParameterGroup;
  readonly securityGroup: aws.ec2.SecurityGroup;
}

/**
 * Server-side settings the services rely on: TLS for every connection, and timeouts so that a stuck statement, a lock
 * queue or a forgotten transaction ends instead of holding the ledger (values from env.yaml's postgres.timeouts).
 */
export function databaseParameters(config: EnvConfig): Record<string, string> {
  const { timeouts } = config.postgres;
  return {
    'rds.force_ssl': '1',
    statement_timeout: String(timeouts.statementMs),
    lock_timeout: String(timeouts.lockMs),
    idle_in_transaction_session_timeout: String(timeouts.idleInTransactionMs),
    password_encryption: 'scram-sha-256',
  };
}

export const databaseUser = (config: EnvConfig): string => `${config.postgres.database}_owner`;

/**
 * RDS PostgreSQL in the database subnets: encrypted with a key of its own, never publicly accessible, automated
 * backups for `backup.postgres.retentionDays` (point-in-time restore inside that window), Multi-AZ and deletion
 * protection as env.yaml says. The credentials live in Secrets Manager under `postgres.credentialsSecret.remoteKey`,
 * where External Secrets reads them.
 */
export function database(context: Context, config: EnvConfig, net: Network): Database {
  const identifier = databaseIdentifier(config);
  const { instance: size } = config.postgres;
  const key = encryptionKey(context, config, 'database');
  const securityGroup = admitFromNodes(
    context,
    config,
    net,
    'database-firewall',
    'RDS: PostgreSQL from EKS pods',
    config.postgres.port,
  );
  const subnetGroup = new aws.rds.SubnetGroup(
    'database-subnets',
    { name: identifier, subnetIds: net.subnetIds.database },
    context.options,
  );
  const major = size.engineVersion.split('.')[0]!;
  const parameterGroup = new aws.rds.ParameterGroup(
    'database-parameters',
    {
      name: `${identifier}-postgres${major}`,
      family: `postgres${major}`,
      parameters: Object.entries(databaseParameters(config)).map(([name, value]) => ({ name, value })),
    },
    context.options,
  );
  // Generated once: later runs draw a new value, which ignoreChanges keeps out of the instance and the secret.
  const password = aws.secretsmanager.getRandomPasswordOutput(
    { passwordLength: 40, excludePunctuation: true },
    { provider: context.provider },
  ).randomPassword;
  const credentials = new aws.secretsmanager.Secret(
    'database-credentials',
    {
      name: config.postgres.credentialsSecret.remoteKey,
      kmsKeyId: key.arn,
      recoveryWindowInDays: 30,
      description: `PostgreSQL credentials of ${identifier}, read by External Secrets`,
    },
    context.options,
  );
  new aws.secretsmanager.SecretVersion(
    'database-credentials-value',
    {
      secretId: credentials.id,
      secretString: pulumi.secret(pulumi.jsonStringify({ username: databaseUser(config), password })),
    },
    { ...context.options, ignoreChanges: ['secretString'] },
  );
  const instance = new aws.rds.Instance(
    'database',
    {
      identifier,
      engine: 'postgres',
      engineVersion: size.engineVersion,
      instanceClass: size.instanceClass,
      allocatedStorage: size.storageGiB,
      maxAllocatedStorage: size.maxStorageGiB,
      storageType: 'gp3',
      storageEncrypted: true,
      kmsKeyId: key.arn,
      multiAz: size.multiAz,
      deletionProtection: size.deletionProtection,
      publiclyAccessible: false,
      dbSubnetGroupName: subnetGroup.name,
      vpcSecurityGroupIds: [securityGroup.id],
      parameterGroupName: parameterGroup.name,
      port: config.postgres.port,
      dbName: config.postgres.database,
      username: databaseUser(config),
      password: pulumi.secret(password),
      backupRetentionPeriod: config.backup.postgres.retentionDays,
      backupWindow: config.backup.postgres.backupWindow,
      copyTagsToSnapshot: true,
      skipFinalSnapshot: false,
      finalSnapshotIdentifier: `${identifier}-final`,
      autoMinorVersionUpgrade: true,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: key.arn,
      enabledCloudwatchLogsExports: ['postgresql'],
    },
    { ...context.options, ignoreChanges: ['password'] },
  );
  return { instance, credentials, key, subnetGroup, parameterGroup, securityGroup };
}
