import type { EnvConfig } from '../../config/schema.js';

/** A shell step an operator runs, and why. */
export interface Step {
  readonly why: string;
  readonly command: string;
}

/** The state bucket and KMS key of an environment's account: created once by hand, before the first preview. */
export function stateBackend(config: EnvConfig) {
  return {
    bucket: `${config.aws.clusterName}-pulumi-state`,
    url: `s3://${config.aws.clusterName}-pulumi-state?region=${config.aws.region}`,
    secretsProvider: `awskms://alias/${config.aws.clusterName}-pulumi-state?region=${config.aws.region}`,
  };
}

/** How an operator previews one environment for real: the Pulumi CLI, credentials of its account, its state backend. */
export function previewSteps(config: EnvConfig): Step[] {
  const backend = stateBackend(config);
  return [
    {
      why: `credentials of account ${config.aws.accountId} (the provider refuses any other account)`,
      command: `export AWS_PROFILE=<profile of account ${config.aws.accountId}> AWS_REGION=${config.aws.region}`,
    },
    {
      why: 'state lives in the environment account, versioned and encrypted (once per account)',
      command: `aws s3api create-bucket --bucket ${backend.bucket} --create-bucket-configuration LocationConstraint=${config.aws.region} && aws s3api put-bucket-versioning --bucket ${backend.bucket} --versioning-configuration Status=Enabled && aws kms create-alias --alias-name alias/${config.aws.clusterName}-pulumi-state --target-key-id $(aws kms create-key --query KeyMetadata.KeyId --output text)`,
    },
    { why: 'log in to that backend', command: `pulumi login '${backend.url}'` },
    {
      why: 'one stack per environment, its secrets encrypted with the account key',
      command: `pulumi stack select ${config.name} --cwd infra --create --secrets-provider '${backend.secretsProvider}'`,
    },
    {
      why: 'what would change, resource by resource',
      command: `pulumi preview --cwd infra --stack ${config.name} --diff`,
    },
  ];
}
