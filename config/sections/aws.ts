import { Type } from '@sinclair/typebox';
import { patternString, strictObject, stringEnum } from '../schema-helpers.js';
import { dnsLabel } from './common.js';

export const Cidr = patternString('^([0-9]{1,3}\\.){3}[0-9]{1,3}/[0-9]{1,2}$', 'an IPv4 CIDR such as 10.0.0.0/16');

const NodeGroup = strictObject({
  name: dnsLabel,
  instanceType: patternString('^[a-z][a-z0-9-]*\\.[a-z0-9]+$', 'an EC2 instance type such as m6i.large'),
  minSize: Type.Integer({ minimum: 1, maximum: 100, description: 'nodes the group never goes below' }),
  desiredSize: Type.Integer({ minimum: 1, maximum: 100, description: 'nodes the group starts with' }),
  maxSize: Type.Integer({ minimum: 1, maximum: 100, description: 'nodes the group never goes above' }),
  diskGiB: Type.Integer({ minimum: 20, maximum: 1000, description: 'root volume of each node (gp3)' }),
});

/**
 * The AWS side of the environment: one account, one region, and the sizes infra/ builds from. Every ARN and
 * registry host the generators render is derived from `accountId` and `region`, never written out.
 */
export const AwsSection = strictObject({
  accountId: patternString('^[0-9]{12}$', 'a 12-digit AWS account id'),
  region: patternString('^[a-z]{2}(-[a-z]+)+-[0-9]$', 'an AWS region such as eu-west-1'),
  // The EKS cluster's name; the MSK cluster, the RDS instance and the VPC carry it too (infra/naming.ts).
  clusterName: dnsLabel,
  // IAM roles for service accounts are named `<iamRolePrefix>-<service account>`; infra/ creates them by the same rule.
  iamRolePrefix: dnsLabel,
  availabilityZones: Type.Integer({
    minimum: 2,
    maximum: 3,
    description: 'availability zones the VPC, nodes and data stores spread over',
  }),
  // A /16: infra/ carves the subnets of every tier from it by a fixed layout (docs/infra.md).
  vpcCidr: patternString('^([0-9]{1,3}\\.){2}0\\.0/16$', 'a /16 IPv4 CIDR such as 10.30.0.0/16'),
  natGateways: stringEnum(
    ['one-per-zone', 'single'] as const,
    'one-per-zone survives the loss of a zone; single costs one gateway',
  ),
  clusterEndpoint: strictObject({
    // Empty: the Kubernetes API answers only inside the VPC. Never 0.0.0.0/0.
    publicAccessCidrs: Type.Array(Cidr, {
      uniqueItems: true,
      description: 'admin networks allowed to the public API endpoint',
    }),
  }),
  nodeGroups: Type.Array(NodeGroup, { minItems: 1, description: 'EKS managed node groups' }),
  // An account holds one OIDC provider per issuer URL: the first environment of an account creates GitHub's, every
  // other environment of that account (or an account that has one already) looks it up (infra/components/image-publisher.ts).
  githubOidcProvider: stringEnum(
    ['create', 'existing'] as const,
    "create: this environment's stack creates GitHub's OIDC provider in the account; existing: it looks it up",
  ),
});
