import type { PriceTable } from './price-table.js';

/**
 * AWS on-demand list prices for us-east-1 (N. Virginia), Linux, in USD, from the pages below as read in 2025; the
 * db.t4g and m7g figures were checked again against public price summaries dated May–June 2026 and had not changed.
 * Prices change: update the figures and `asOf` together; `npm run cost` and the rendered diff then use the new ones.
 */
export const US_EAST_1: PriceTable = {
  region: 'us-east-1',
  currency: 'USD',
  asOf: '2025 (db.t4g and m7g re-checked 2026-06)',
  sources: {
    eks: 'https://aws.amazon.com/eks/pricing/',
    ec2: 'https://aws.amazon.com/ec2/pricing/on-demand/',
    ebs: 'https://aws.amazon.com/ebs/pricing/',
    vpc: 'https://aws.amazon.com/vpc/pricing/',
    elb: 'https://aws.amazon.com/elasticloadbalancing/pricing/',
    msk: 'https://aws.amazon.com/msk/pricing/',
    rds: 'https://aws.amazon.com/rds/postgresql/pricing/',
    kms: 'https://aws.amazon.com/kms/pricing/',
    secretsManager: 'https://aws.amazon.com/secrets-manager/pricing/',
  },
  hoursPerMonth: 730,
  eksClusterHour: 0.1,
  ec2: {
    't3.medium': { hour: 0.0416, vcpu: 2, memoryGiB: 4 },
    't3.large': { hour: 0.0832, vcpu: 2, memoryGiB: 8 },
    'm6i.large': { hour: 0.096, vcpu: 2, memoryGiB: 8 },
    'm6i.xlarge': { hour: 0.192, vcpu: 4, memoryGiB: 16 },
    'm7i.large': { hour: 0.1008, vcpu: 2, memoryGiB: 8 },
    'm7g.large': { hour: 0.0816, vcpu: 2, memoryGiB: 8 },
    'm7g.xlarge': { hour: 0.1632, vcpu: 4, memoryGiB: 16 },
  },
  ebsGp3GiBMonth: 0.08,
  natGatewayHour: 0.045,
  publicIpv4Hour: 0.005,
  albHour: 0.0225,
  albLcuHour: 0.008,
  mskBrokerHour: {
    'kafka.t3.small': 0.0456,
    'kafka.m5.large': 0.21,
    'kafka.m7g.large': 0.204,
    'kafka.m7g.xlarge': 0.408,
  },
  mskStorageGiBMonth: 0.1,
  rdsPostgresHour: {
    'db.t4g.micro': 0.016,
    'db.t4g.small': 0.032,
    'db.t4g.medium': 0.065,
    'db.m6g.large': 0.159,
  },
  rdsGp3GiBMonth: 0.115,
  kmsKeyMonth: 1,
  secretMonth: 0.4,
};
