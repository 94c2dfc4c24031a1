import type * as pulumi from '@pulumi/pulumi';

/** One resource as the program asked AWS for it: its type token, logical name, and the inputs it was given. */
export interface RecordedResource {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
}

/** Stand-in ids AWS would choose: fixed, so a run is repeatable. */
const CLUSTER_UUID = '0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d-2';
const OIDC_ID = 'EXAMPLED539D4633E53DE1B71EXAMPLE';

/**
 * Outputs AWS computes, in the shapes AWS gives them, so the program's own wiring (ARNs in policies, the OIDC
 * issuer in trust policies) runs as it would for real. The policies under test read the recorded inputs, not these.
 */
function computedState(type: string, name: string, inputs: Record<string, any>, accountId: string, region: string) {
  const arn = (service: string, resource: string, withRegion = true) =>
    `arn:aws:${service}:${withRegion ? region : ''}:${accountId}:${resource}`;
  switch (type) {
    case 'aws:iam/role:Role':
      return { arn: `arn:aws:iam::${accountId}:role/${inputs.name ?? name}`, name: inputs.name ?? name };
    case 'aws:iam/openIdConnectProvider:OpenIdConnectProvider':
      return { arn: `arn:aws:iam::${accountId}:oidc-provider/${String(inputs.url).replace('https://', '')}` };
    case 'aws:kms/key:Key':
      return { arn: arn('kms', `key/${name}`), keyId: `${name}-id` };
    case 'aws:eks/cluster:Cluster':
      return {
        arn: arn('eks', `cluster/${inputs.name}`),
        endpoint: `https://${OIDC_ID}.gr7.${region}.eks.amazonaws.com`,
        identities: [{ oidcs: [{ issuer: `https://oidc.eks.${region}.amazonaws.com/id/${OIDC_ID}` }] }],
      };
    case 'aws:msk/cluster:Cluster': {
      const brokers = Array.from(
        { length: inputs.numberOfBrokerNodes as number },
        (_, i) => `b-${i + 1}.${inputs.clusterName}.abc123.c2.kafka.${region}.amazonaws.com:9098`,
      );
      return {
        arn: arn('kafka', `cluster/${inputs.clusterName}/${CLUSTER_UUID}`),
        bootstrapBrokersSaslIam: brokers.join(','),
      };
    }
    case 'aws:msk/configuration:Configuration':
      return { arn: arn('kafka', `configuration/${inputs.name}/${CLUSTER_UUID}`), latestRevision: 1 };
    case 'aws:rds/instance:Instance':
      return {
        arn: arn('rds', `db:${inputs.identifier}`),
        address: `${inputs.identifier}.abcdefghijkl.${region}.rds.amazonaws.com`,
      };
    case 'aws:secretsmanager/secret:Secret':
      return { arn: arn('secretsmanager', `secret:${inputs.name}-AbCdEf`) };
    case 'aws:s3/bucket:Bucket':
      return { arn: `arn:aws:s3:::${inputs.bucket}` };
    case 'aws:ecr/repository:Repository':
      return {
        arn: arn('ecr', `repository/${inputs.name}`),
        repositoryUrl: `${accountId}.dkr.ecr.${region}.amazonaws.com/${inputs.name}`,
      };
    case 'aws:acm/certificate:Certificate':
      return { arn: arn('acm', `certificate/${name}`), domainValidationOptions: [] };
    default:
      return {};
  }
}

/** Answers to the data sources the program reads. */
function invokeResult(token: string, args: Record<string, any>, accountId: string, region: string) {
  switch (token) {
    // The account's provider, made by another environment's stack (or before this project).
    case 'aws:iam/getOpenIdConnectProvider:getOpenIdConnectProvider':
      return {
        arn: `arn:aws:iam::${accountId}:oidc-provider/${String(args.url).replace('https://', '')}`,
        url: args.url,
      };
    case 'aws:index/getAvailabilityZones:getAvailabilityZones':
      return { names: ['a', 'b', 'c'].map((zone) => `${region}${zone}`) };
    case 'aws:secretsmanager/getRandomPassword:getRandomPassword':
      return { randomPassword: 'generated-at-creation' };
    default:
      throw new Error(`the mocks do not answer ${token}`);
  }
}

/** Pulumi mocks that record every resource the program registers, in order. */
export function recordingMocks(accountId: string, region: string) {
  const recorded: RecordedResource[] = [];
  const mocks: pulumi.runtime.Mocks = {
    newResource: (args) => {
      recorded.push({ type: args.type, name: args.name, inputs: args.inputs as Record<string, any> });
      const state = { ...args.inputs, ...computedState(args.type, args.name, args.inputs, accountId, region) };
      // AWS's id of a bucket is its name; other ids are opaque, and a stand-in will do.
      const id = args.type === 'aws:s3/bucket:Bucket' ? String(args.inputs.bucket) : `${args.name}-id`;
      return { id, state };
    },
    call: (args) => invokeResult(args.token, args.inputs as Record<string, any>, accountId, region),
  };
  return { mocks, recorded };
}
