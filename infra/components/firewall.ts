import * as aws from '@pulumi/aws';
import type { EnvConfig } from '../../config/schema.js';
import { subnetPlan } from '../subnets.js';
import type { Context } from './context.js';
import type { Network } from './network.js';

/**
 * A security group that admits one TCP port from the node subnets only (pods get node-subnet addresses from the
 * VPC CNI), and lets nothing out: brokers and the database answer, they never call.
 */
export function admitFromNodes(
  context: Context,
  config: EnvConfig,
  net: Network,
  logicalName: string,
  description: string,
  port: number,
): aws.ec2.SecurityGroup {
  const nodeCidrs = subnetPlan(config.aws.vpcCidr, config.aws.availabilityZones)
    .filter((plan) => plan.tier === 'nodes')
    .map((plan) => plan.cidr);
  return new aws.ec2.SecurityGroup(
    logicalName,
    {
      vpcId: net.vpc.id,
      description,
      ingress: [{ protocol: 'tcp', fromPort: port, toPort: port, cidrBlocks: nodeCidrs, description: 'from EKS pods' }],
      egress: [],
    },
    context.options,
  );
}
