import * as aws from '@pulumi/aws';
import type * as pulumi from '@pulumi/pulumi';
import type { EnvConfig } from '../../config/schema.js';
import { clusterName } from '../naming.js';
import type { SubnetTier } from '../subnets.js';
import { subnetPlan } from '../subnets.js';
import type { Context } from './context.js';

export interface Network {
  readonly vpc: aws.ec2.Vpc;
  readonly subnetIds: Record<SubnetTier, pulumi.Output<string>[]>;
}

/**
 * A VPC over the environment's zones: public subnets hold only load balancers and NAT gateways; nodes, brokers and
 * the database live in private subnets. `aws.natGateways` decides between one NAT per zone (a zone's failure leaves
 * the others their egress) and a single one (cheaper, one zone's egress for all).
 */
export function network(context: Context, config: EnvConfig): Network {
  const name = clusterName(config);
  const zones = aws.getAvailabilityZonesOutput({ state: 'available' }, { provider: context.provider });
  const vpc = new aws.ec2.Vpc(
    'vpc',
    {
      cidrBlock: config.aws.vpcCidr,
      enableDnsHostnames: true,
      enableDnsSupport: true,
      tags: { Name: name },
    },
    context.options,
  );
  const internetGateway = new aws.ec2.InternetGateway('internet-gateway', { vpcId: vpc.id }, context.options);

  const subnetIds: Record<SubnetTier, pulumi.Output<string>[]> = {
    public: [],
    endpoints: [],
    kafka: [],
    database: [],
    nodes: [],
  };
  for (const plan of subnetPlan(config.aws.vpcCidr, config.aws.availabilityZones)) {
    const subnet = new aws.ec2.Subnet(
      `${plan.tier}-subnet-${plan.zone}`,
      {
        vpcId: vpc.id,
        cidrBlock: plan.cidr,
        availabilityZone: zones.names.apply((names) => names[plan.zone]!),
        mapPublicIpOnLaunch: false,
        tags: {
          Name: `${name}-${plan.tier}-${plan.zone}`,
          tier: plan.tier,
          // The load balancer controller places internet-facing ALBs in subnets with this tag, internal ones with the other.
          ...(plan.tier === 'public' ? { 'kubernetes.io/role/elb': '1' } : {}),
          ...(plan.tier === 'nodes' ? { 'kubernetes.io/role/internal-elb': '1' } : {}),
        },
      },
      context.options,
    );
    subnetIds[plan.tier].push(subnet.id);
  }

  const publicRoutes = new aws.ec2.RouteTable(
    'public-routes',
    {
      vpcId: vpc.id,
      routes: [{ cidrBlock: '0.0.0.0/0', gatewayId: internetGateway.id }],
      tags: { Name: `${name}-public` },
    },
    context.options,
  );
  subnetIds.public.forEach((subnetId, zone) => {
    new aws.ec2.RouteTableAssociation(
      `public-routes-${zone}`,
      { subnetId, routeTableId: publicRoutes.id },
      context.options,
    );
  });

  const natCount = config.aws.natGateways === 'one-per-zone' ? config.aws.availabilityZones : 1;
  const natGateways = Array.from({ length: natCount }, (_, zone) => {
    const address = new aws.ec2.Eip(
      `nat-address-${zone}`,
      { domain: 'vpc', tags: { Name: `${name}-nat-${zone}` } },
      context.options,
    );
    return new aws.ec2.NatGateway(
      `nat-${zone}`,
      { allocationId: address.id, subnetId: subnetIds.public[zone]!, tags: { Name: `${name}-nat-${zone}` } },
      { ...context.options, dependsOn: [internetGateway] },
    );
  });

  // Nodes of zone z leave through the NAT of zone z, or through the single one.
  for (let zone = 0; zone < config.aws.availabilityZones; zone++) {
    const nat = natGateways[Math.min(zone, natGateways.length - 1)]!;
    const nodeRoutes = new aws.ec2.RouteTable(
      `node-routes-${zone}`,
      {
        vpcId: vpc.id,
        routes: [{ cidrBlock: '0.0.0.0/0', natGatewayId: nat.id }],
        tags: { Name: `${name}-nodes-${zone}` },
      },
      context.options,
    );
    new aws.ec2.RouteTableAssociation(
      `nodes-routes-${zone}`,
      { subnetId: subnetIds.nodes[zone]!, routeTableId: nodeRoutes.id },
      context.options,
    );
  }
  // Brokers, the database and the AWS API endpoints never open connections to the internet: their subnets route
  // inside the VPC only.
  const isolatedRoutes = new aws.ec2.RouteTable(
    'isolated-routes',
    { vpcId: vpc.id, tags: { Name: `${name}-isolated` } },
    context.options,
  );
  for (const tier of ['endpoints', 'kafka', 'database'] as const) {
    subnetIds[tier].forEach((subnetId, zone) => {
      new aws.ec2.RouteTableAssociation(
        `${tier}-routes-${zone}`,
        { subnetId, routeTableId: isolatedRoutes.id },
        context.options,
      );
    });
  }
  return { vpc, subnetIds };
}
