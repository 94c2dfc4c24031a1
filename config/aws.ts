import type { EnvConfig } from './schema.js';

/** The IAM role a service account assumes (IRSA): `arn:aws:iam::<account>:role/<iamRolePrefix>-<service account>`. */
export function iamRoleArn(config: Pick<EnvConfig, 'aws'>, serviceAccount: string): string {
  return `arn:aws:iam::${config.aws.accountId}:role/${iamRoleName(config, serviceAccount)}`;
}

/** The name infra/ gives the IAM role of a service account. */
export function iamRoleName(config: Pick<EnvConfig, 'aws'>, serviceAccount: string): string {
  return `${config.aws.iamRolePrefix}-${serviceAccount}`;
}

/**
 * The role the images workflow (.github/workflows/images.yml) assumes in the environment's account to push there:
 * infra/ creates it, trusting the repository's main branch through GitHub's OIDC provider.
 */
export function imagePublisherRoleName(config: Pick<EnvConfig, 'aws'>): string {
  return `${config.aws.iamRolePrefix}-image-publisher`;
}

export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';

/** The ledger's RDS instance identifier: infra/ names the instance after the cluster. */
export const databaseIdentifier = (config: Pick<EnvConfig, 'aws'>): string => config.aws.clusterName;

/** The restore drill's scratch instances: `<identifier>-restore-drill-<minute>`, the only ones it may delete. */
export const restoreDrillInstancePrefix = (config: Pick<EnvConfig, 'aws'>): string =>
  `${databaseIdentifier(config)}-restore-drill-`;

/** The tag every scratch instance of the restore drill carries; its IAM role deletes only instances with it. */
export const RESTORE_DRILL_TAG = { key: 'purpose', value: 'restore-drill' } as const;
