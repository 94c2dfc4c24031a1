import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { EnvConfig } from '../../config/schema.js';
import { clusterName } from '../naming.js';
import { SERVICE_CIDR } from '../subnets.js';
import type { Context } from './context.js';
import { encryptionKey } from './encryption.js';
import type { Network } from './network.js';
import { serviceRole } from './roles.js';

export interface Cluster {
  readonly cluster: aws.eks.Cluster;
  readonly oidcProvider: aws.iam.OpenIdConnectProvider;
  /** The issuer without its scheme, as IAM condition keys spell it (`oidc.eks.<region>.amazonaws.com/id/<id>`). */
  readonly oidcIssuer: pulumi.Output<string>;
}

/** The Kubernetes minor EKS runs: the one the rendered manifests are validated against. */
export function eksVersion(config: EnvConfig): string {
  return config.kubernetesVersion.split('.').slice(0, 2).join('.');
}

/** Graviton instance families (m7g, t4g, c6gn, ...) need the ARM node image. */
export function amiType(instanceType: string): string {
  const family = instanceType.split('.')[0]!;
  return /^[a-z]+\d+[a-z]*g[a-z]*$/.test(family) ? 'AL2023_ARM_64_STANDARD' : 'AL2023_x86_64_STANDARD';
}

/**
 * EKS at the version the manifests target: Kubernetes secrets envelope-encrypted with a KMS key of its own, an API
 * endpoint reachable from inside the VPC (and from `aws.clusterEndpoint.publicAccessCidrs` only, when listed), the
 * OIDC provider that IAM roles for service accounts trust, and the managed node groups of env.yaml.
 */
export function cluster(context: Context, config: EnvConfig, net: Network): Cluster {
  const name = clusterName(config);
  const secretsKey = encryptionKey(context, config, 'kubernetes-secrets');
  const clusterRole = serviceRole(context, 'cluster-role', `${name}-cluster`, 'eks.amazonaws.com', [
    'AmazonEKSClusterPolicy',
  ]);
  const publicAccessCidrs = config.aws.clusterEndpoint.publicAccessCidrs;
  const eks = new aws.eks.Cluster(
    'cluster',
    {
      name,
      version: eksVersion(config),
      roleArn: clusterRole.arn,
      vpcConfig: {
        subnetIds: net.subnetIds.nodes,
        endpointPrivateAccess: true,
        endpointPublicAccess: publicAccessCidrs.length > 0,
        ...(publicAccessCidrs.length > 0 ? { publicAccessCidrs } : {}),
      },
      encryptionConfig: { provider: { keyArn: secretsKey.arn }, resources: ['secrets'] },
      kubernetesNetworkConfig: { serviceIpv4Cidr: SERVICE_CIDR },
      // Access entries, not the aws-auth ConfigMap: who may administer the cluster is IAM, reviewable here.
      accessConfig: { authenticationMode: 'API', bootstrapClusterCreatorAdminPermissions: true },
      enabledClusterLogTypes: ['api', 'audit', 'authenticator'],
    },
    context.options,
  );
  const issuerUrl = eks.identities.apply((identities) => identities[0]!.oidcs[0]!.issuer);
  const oidcProvider = new aws.iam.OpenIdConnectProvider(
    'oidc-provider',
    { url: issuerUrl, clientIdLists: ['sts.amazonaws.com'] },
    context.options,
  );

  const nodeRole = serviceRole(context, 'node-role', `${name}-node`, 'ec2.amazonaws.com', [
    'AmazonEKSWorkerNodePolicy',
    'AmazonEKS_CNI_Policy',
    'AmazonEC2ContainerRegistryReadOnly',
  ]);
  for (const group of config.aws.nodeGroups) {
    new aws.eks.NodeGroup(
      `node-group-${group.name}`,
      {
        clusterName: eks.name,
        nodeGroupName: group.name,
        nodeRoleArn: nodeRole.arn,
        subnetIds: net.subnetIds.nodes,
        instanceTypes: [group.instanceType],
        amiType: amiType(group.instanceType),
        capacityType: 'ON_DEMAND',
        diskSize: group.diskGiB,
        scalingConfig: { minSize: group.minSize, desiredSize: group.desiredSize, maxSize: group.maxSize },
        // One node at a time: PodDisruptionBudgets then hold during upgrades.
        updateConfig: { maxUnavailable: 1 },
        labels: { 'node-group': group.name },
      },
      context.options,
    );
  }
  return { cluster: eks, oidcProvider, oidcIssuer: issuerUrl.apply((url) => url.replace(/^https:\/\//, '')) };
}
