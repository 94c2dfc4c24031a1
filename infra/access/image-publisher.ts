import type { PolicyStatement } from '../components/identities.js';
import { webIdentityTrust } from '../components/identities.js';

/** GitHub Actions' OIDC issuer: a workflow run presents a token from it, naming its repository and ref in `sub`. */
export const GITHUB_ACTIONS_ISSUER = 'token.actions.githubusercontent.com';

/** The branch whose pushes build and publish images (images.yml runs on push to main only). */
export const PUBLISHING_REF = 'refs/heads/main';

/** `owner/name` of a GitHub repository URL (env.yaml's gitops.repoURL); anything else is a configuration error. */
export function githubRepository(repoURL: string): string {
  const match = /^https:\/\/github\.com\/([A-Za-z0-9_.-]+\/[A-Za-z0-9_.-]+?)(?:\.git)?$/.exec(repoURL);
  if (!match) throw new Error(`gitops.repoURL ${repoURL} is not a GitHub repository: the image publisher trusts one`);
  return match[1]!;
}

/** The subject of a workflow run on `ref` of `repository`, as GitHub puts it in the token (no environment set). */
export function workflowSubject(repository: string, ref = PUBLISHING_REF): string {
  return `repo:${repository}:ref:${ref}`;
}

/** Trust: GitHub's provider, for runs on the publishing branch of one repository only, for STS only. */
export function imagePublisherTrust(providerArn: string, repository: string): string {
  return webIdentityTrust(providerArn, GITHUB_ACTIONS_ISSUER, workflowSubject(repository));
}

/**
 * Pushing images into the environment's repositories and nothing else: no pull of other repositories, no delete, no
 * tag change (the repositories' tags are immutable anyway). The login token cannot be scoped to a repository.
 */
export function imagePushAccess(repositoryArns: readonly string[]): PolicyStatement[] {
  return [
    { Sid: 'RegistryLogin', Effect: 'Allow', Action: 'ecr:GetAuthorizationToken', Resource: '*' },
    {
      Sid: 'PushImages',
      Effect: 'Allow',
      Action: [
        'ecr:BatchCheckLayerAvailability',
        'ecr:InitiateLayerUpload',
        'ecr:UploadLayerPart',
        'ecr:CompleteLayerUpload',
        'ecr:PutImage',
        'ecr:BatchGetImage',
      ],
      Resource: [...repositoryArns],
    },
  ];
}
