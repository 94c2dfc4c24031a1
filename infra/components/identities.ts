import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import type { EnvConfig } from '../../config/schema.js';
import { roleName } from '../naming.js';
import type { Cluster } from './cluster.js';
import type { Context } from './context.js';

export interface PolicyStatement {
  readonly Sid?: string;
  readonly Effect: 'Allow' | 'Deny';
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: Record<string, Record<string, string | string[]>>;
}

export interface ServiceAccountRef {
  readonly namespace: string;
  readonly name: string;
}

/**
 * A trust policy for tokens of one OIDC issuer: the provider may hand the role to exactly one subject (StringEquals
 * on `sub`, never a wildcard), for STS only (`aud`).
 */
export function webIdentityTrust(providerArn: string, issuer: string, subject: string): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: providerArn },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: { StringEquals: { [`${issuer}:sub`]: subject, [`${issuer}:aud`]: 'sts.amazonaws.com' } },
      },
    ],
  });
}

/** The trust policy of an IAM role for a service account: the cluster's OIDC provider, one namespace/service account. */
export function serviceAccountTrust(providerArn: string, issuer: string, account: ServiceAccountRef): string {
  return webIdentityTrust(providerArn, issuer, `system:serviceaccount:${account.namespace}:${account.name}`);
}

/** An IAM role named `<iamRolePrefix>-<service account>` that one service account assumes, with exactly `statements`. */
export function serviceAccountRole(
  context: Context,
  config: EnvConfig,
  eks: Cluster,
  account: ServiceAccountRef,
  statements: pulumi.Input<PolicyStatement[]>,
): aws.iam.Role {
  const role = new aws.iam.Role(
    `irsa-${account.name}`,
    {
      name: roleName(config, account.name),
      description: `IRSA: ${account.namespace}/${account.name} in ${config.aws.clusterName}`,
      assumeRolePolicy: pulumi
        .all([eks.oidcProvider.arn, eks.oidcIssuer])
        .apply(([providerArn, issuer]) => serviceAccountTrust(providerArn, issuer, account)),
    },
    context.options,
  );
  new aws.iam.RolePolicy(
    `irsa-${account.name}-access`,
    {
      role: role.id,
      name: 'least-privilege',
      policy: pulumi.output(statements).apply((Statement) => JSON.stringify({ Version: '2012-10-17', Statement })),
    },
    context.options,
  );
  return role;
}
