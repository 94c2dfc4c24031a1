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
 * The role the images workflow assumes to push into this environment's registry: GitHub's OIDC provider (one per
 * account, and one environment lives in one account), trusted for the main branch of the repository Argo CD syncs
 * from, with push rights on this environment's repositories only. No long-lived key exists anywhere.
 */
export function imagePublisher(
  context: Context,
  config: EnvConfig,
  repositories: readonly aws.ecr.Repository[],
): aws.iam.Role {
  const provider = new aws.iam.OpenIdConnectProvider(
    'github-actions-oidc-provider',
    { url: `https://${GITHUB_ACTIONS_ISSUER}`, clientIdLists: ['sts.amazonaws.com'] },
    context.options,
  );
  const repository = githubRepository(config.gitops.repoURL);
  const role = new aws.iam.Role(
    'image-publisher',
    {
      name: imagePublisherRoleName(config),
      assumeRolePolicy: provider.arn.apply((arn) => imagePublisherTrust(arn, repository)),
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
