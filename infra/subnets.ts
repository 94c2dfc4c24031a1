/**
 * The fixed subnet layout carved from an environment's /16 (docs/infra.md). Each tier gets one subnet per zone:
 *
 *   public   x.y.0.0/22,  x.y.4.0/22,  x.y.8.0/22    (load balancers, NAT gateways)
 *   endpoints x.y.16.0/24, x.y.17.0/24, x.y.18.0/24  (inside x.y.16.0/20: VPC interface endpoints of AWS APIs)
 *   kafka    x.y.32.0/22, x.y.36.0/22, x.y.40.0/22   (inside x.y.32.0/20: MSK brokers)
 *   database x.y.48.0/22, x.y.52.0/22, x.y.56.0/22   (inside x.y.48.0/20: RDS)
 *   nodes    x.y.64.0/18, x.y.128.0/18, x.y.192.0/18 (EKS nodes and pods: the VPC CNI gives pods VPC addresses)
 *
 * The /20 blocks are what NetworkPolicies name as the kafka, postgres and aws-api peers; the tests hold them together.
 */
export type SubnetTier = 'public' | 'endpoints' | 'kafka' | 'database' | 'nodes';

export interface SubnetPlan {
  readonly tier: SubnetTier;
  /** 0-based index of the availability zone. */
  readonly zone: number;
  readonly cidr: string;
}

const TIERS: Record<SubnetTier, { readonly thirdOctet: (zone: number) => number; readonly prefix: number }> = {
  public: { thirdOctet: (zone) => zone * 4, prefix: 22 },
  endpoints: { thirdOctet: (zone) => 16 + zone, prefix: 24 },
  kafka: { thirdOctet: (zone) => 32 + zone * 4, prefix: 22 },
  database: { thirdOctet: (zone) => 48 + zone * 4, prefix: 22 },
  nodes: { thirdOctet: (zone) => 64 + zone * 64, prefix: 18 },
};

/** The block that holds every subnet of a tier, as NetworkPolicies name it. */
export const TIER_BLOCKS: Partial<Record<SubnetTier, { readonly thirdOctet: number; readonly prefix: number }>> = {
  endpoints: { thirdOctet: 16, prefix: 20 },
  kafka: { thirdOctet: 32, prefix: 20 },
  database: { thirdOctet: 48, prefix: 20 },
};

function firstTwoOctets(vpcCidr: string): string {
  const match = /^(\d+\.\d+)\.0\.0\/16$/.exec(vpcCidr);
  if (!match) throw new Error(`expected a /16 VPC CIDR such as 10.30.0.0/16, got ${vpcCidr}`);
  return match[1]!;
}

export function subnetPlan(vpcCidr: string, zones: number): SubnetPlan[] {
  if (zones < 1 || zones > 3) throw new Error(`the layout holds 1 to 3 zones, got ${zones}`);
  const base = firstTwoOctets(vpcCidr);
  return (Object.keys(TIERS) as SubnetTier[]).flatMap((tier) =>
    Array.from({ length: zones }, (_, zone) => ({
      tier,
      zone,
      cidr: `${base}.${TIERS[tier].thirdOctet(zone)}.0/${TIERS[tier].prefix}`,
    })),
  );
}

export function tierBlock(vpcCidr: string, tier: 'endpoints' | 'kafka' | 'database'): string {
  const block = TIER_BLOCKS[tier]!;
  return `${firstTwoOctets(vpcCidr)}.${block.thirdOctet}.0/${block.prefix}`;
}

/** EKS's service network: the API server's in-cluster address (first host) is what NetworkPolicies allow for it. */
export const SERVICE_CIDR = '172.20.0.0/16';
