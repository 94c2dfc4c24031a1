import * as aws from '@pulumi/aws';
import type { Context } from './context.js';

/** A role an AWS service assumes (EKS, EC2 nodes), with AWS-managed policies attached. */
export function serviceRole(
  context: Context,
  logicalName: string,
  roleName: string,
  service: string,
  managedPolicies: readonly string[],
): aws.iam.Role {
  const role = new aws.iam.Role(
    logicalName,
    {
      name: roleName,
      assumeRolePolicy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [{ Effect: 'Allow', Principal: { Service: service }, Action: 'sts:AssumeRole' }],
      }),
    },
    context.options,
  );
  for (const policy of managedPolicies) {
    new aws.iam.RolePolicyAttachment(
      `${logicalName}-${policy}`,
      { role: role.name, policyArn: `arn:aws:iam::aws:policy/${policy}` },
      context.options,
    );
  }
  return role;
}
