import type { EnvConfig } from './schema.js';
import type { PathSegment } from './source-map.js';
import type { SemanticIssue } from './issues.js';

// One environment lives in one AWS account: IRSA roles are derived from aws.accountId, and every ARN or registry host
// written in env.yaml must name that same account (and region), or pods assume roles and pull images across accounts.

const ECR_HOST = /^([0-9]{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com$/;
// arn:partition:service:region:account:resource — region and account may be empty (IAM, S3).
const ARN = /^arn:aws[a-z-]*:([a-z0-9-]+):([a-z0-9-]*):([0-9]{12})?:/;

function registryAgrees(config: EnvConfig): SemanticIssue[] {
  const match = ECR_HOST.exec(config.images.registry);
  const expected = `${config.aws.accountId}.dkr.ecr.${config.aws.region}.amazonaws.com`;
  if (match && match[1] === config.aws.accountId && match[2] === config.aws.region) return [];
  return [
    {
      path: ['images', 'registry'],
      message: `must be the ECR registry of aws.accountId in aws.region (${expected}), got "${config.images.registry}"`,
    },
  ];
}

/** Every string in the config that is an ARN, with its path. */
function arnsIn(value: unknown, path: PathSegment[] = []): { path: PathSegment[]; arn: string }[] {
  if (typeof value === 'string') return value.startsWith('arn:') ? [{ path, arn: value }] : [];
  if (Array.isArray(value)) return value.flatMap((item, index) => arnsIn(item, [...path, index]));
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, item]) => arnsIn(item, [...path, key]));
  return [];
}

function arnsAgree(config: EnvConfig): SemanticIssue[] {
  return arnsIn(config).flatMap(({ path, arn }) => {
    const match = ARN.exec(arn);
    if (!match)
      return [{ path, message: `is not an ARN of the form arn:aws:<service>:<region>:<account>:…, got "${arn}"` }];
    const [, , region, account] = match;
    const issues: SemanticIssue[] = [];
    if (account !== undefined && account !== config.aws.accountId)
      issues.push({
        path,
        message: `names account ${account}; every ARN must name aws.accountId (${config.aws.accountId})`,
      });
    if (region && region !== config.aws.region)
      issues.push({
        path,
        message: `names region ${region}; every regional ARN must name aws.region (${config.aws.region})`,
      });
    return issues;
  });
}

export function accountIssues(config: EnvConfig): SemanticIssue[] {
  return [...registryAgrees(config), ...arnsAgree(config)];
}
