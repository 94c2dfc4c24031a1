import { describe, expect, it } from 'vitest';
import { committedEnvYaml, configMessages } from './testing.js';

const messages = (yaml: string): string[] => configMessages(yaml, 'staging');

describe('one AWS account per environment', () => {
  it('accepts the committed staging config', () => expect(messages(committedEnvYaml('staging'))).toStrictEqual([]));

  it('refuses a registry of another account', () => {
    const yaml = committedEnvYaml('staging').replace('registry: 222222222222.', 'registry: 333333333333.');
    expect(messages(yaml)).toStrictEqual([
      'images.registry: must be the ECR registry of aws.accountId in aws.region (222222222222.dkr.ecr.eu-west-1.amazonaws.com), got "333333333333.dkr.ecr.eu-west-1.amazonaws.com"',
    ]);
  });

  it('refuses a certificate ARN of another account or region', () => {
    const yaml = committedEnvYaml('staging').replace(
      'arn:aws:acm:eu-west-1:222222222222:',
      'arn:aws:acm:us-east-1:111111111111:',
    );
    expect(messages(yaml)).toStrictEqual([
      'api.ingress.certificateArn: names account 111111111111; every ARN must name aws.accountId (222222222222)',
      'api.ingress.certificateArn: names region us-east-1; every regional ARN must name aws.region (eu-west-1)',
    ]);
  });
});
