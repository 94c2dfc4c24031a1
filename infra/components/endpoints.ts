import * as aws from '@pulumi/aws';
import type { EnvConfig } from '../../config/schema.js';
import { clusterName } from '../naming.js';
import type { Context } from './context.js';
import { admitFromNodes } from './firewall.js';
import type { Network } from './network.js';

/**
 * The AWS APIs pods call, reached inside the VPC: STS (IRSA's token exchange, for every pod with a role) and RDS (the
 * restore drill). Interface endpoints in subnets of their own, with private DNS, so the regional names resolve to
 * addresses in the endpoints block, which NetworkPolicies name as the `aws-api` peer on 443 and nothing else.
 */
export const ENDPOINT_SERVICES = ['sts', 'rds'] as const;

export function apiEndpoints(context: Context, config: EnvConfig, net: Network): aws.ec2.VpcEndpoint[] {
  const firewall = admitFromNodes(
    context,
    config,
    net,
    'api-endpoints-firewall',
    'AWS API endpoints: HTTPS from EKS pods',
    443,
  );
  return ENDPOINT_SERVICES.map(
    (service) =>
      new aws.ec2.VpcEndpoint(
        `endpoint-${service}`,
        {
          vpcId: net.vpc.id,
          serviceName: `com.amazonaws.${config.aws.region}.${service}`,
          vpcEndpointType: 'Interface',
          privateDnsEnabled: true,
          subnetIds: net.subnetIds.endpoints,
          securityGroupIds: [firewall.id],
          tags: { Name: `${clusterName(config)}-${service}` },
        },
        context.options,
      ),
  );
}
