import * as aws from '@pulumi/aws';
import * as pulumi from '@pulumi/pulumi';
import { imagePublisherRoleName } from '../../config/aws.js';
import type { EnvConfig } from '../../config/schema.js';
import {
  GITHUB_ACTIONS_ISSUER,
  githubRepository,
  imagePublisherTrust,
  imagePushAccess,
} from '../access/image-publisher.js';
import type { Context } from './context.js';

/**
 * GitHub's OIDC provider in the environment's account. An account holds one per issuer URL, so one environment of an
 * account creates it and every other one (and an account that had it before) looks it up (aws.githubOidcProvider).
 */
function githubProviderArn(context: Context, config: EnvConfig): pulumi.Output<string> {
  const url = `https://${GITHUB_ACTIONS_ISSUER}`;
  if (config.aws.githubOidcProvider === 'existing')
    return aws.iam.getOpenIdConnectProviderOutput({ url }, { provider: context.provider }).arn;
  return new aws.iam.OpenIdConnectProvider(
    'github-actions-oidc-provider',
    { url, clientIdLists: ['sts.amazonaws.com'] },
    context.options,
  ).arn;
}

/**
 * The role the images workflow assumes to push into this environment's registry: trusted through GitHub's OIDC
 * provider for the main branch of the repository Argo CD syncs from, with push rights on this environment's
 * repositories only. No long-lived key exists anywhere.
 */
export function imagePublisher(
  context: Context,
  config: EnvConfig,
  repositories: readonly aws.ecr.Repository[],
): aws.iam.Role {
  const providerArn = githubProviderArn(context, config);
  const repository = githubRepository(config.gitops.repoURL);
  const role = new aws.iam.Role(
    'image-publisher',
    {
      name: imagePublisherRoleName(config),
      assumeRolePolicy: providerArn.apply((arn) => imagePublisherTrust(arn, repository)),
      maxSessionDuration: 3600,
    },
    context.options,
  );
  new aws.iam.RolePolicy(
    'image-publisher-push',
    {
      role: role.name,
      policy: pulumi
        .all(repositories.map((r) => r.arn))
        .apply((arns) => JSON.stringify({ Version: '2012-10-17', Statement: imagePushAccess(arns) })),
    },
    context.options,
  );
  return role;
}
