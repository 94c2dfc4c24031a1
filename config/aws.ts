import type { EnvConfig } from './schema.js';

/** The IAM role a service account assumes (IRSA): `arn:aws:iam::<account>:role/<iamRolePrefix>-<service account>`. */
export function iamRoleArn(config: Pick<EnvConfig, 'aws'>, serviceAccount: string): string {
  return `arn:aws:iam::${config.aws.accountId}:role/${iamRoleName(config, serviceAccount)}`;
}

/** The name infra/ gives the IAM role of a service account. */
export function iamRoleName(config: Pick<EnvConfig, 'aws'>, serviceAccount: string): string {
  return `${config.aws.iamRolePrefix}-${serviceAccount}`;
}

export const IRSA_ANNOTATION = 'eks.amazonaws.com/role-arn';
