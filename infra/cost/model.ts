import type { EnvConfig } from '../../config/schema.js';
import { cpuMillis, memoryMebibytes } from '../../config/quantities.js';
import type { PriceTable } from './price-table.js';
import { US_EAST_1 } from './us-east-1.js';

/** Price tables committed here, by region. */
export const PRICE_TABLES: Readonly<Record<string, PriceTable>> = { [US_EAST_1.region]: US_EAST_1 };

export interface LineItem {
  readonly item: string;
  readonly quantity: number;
  readonly unit: string;
  readonly unitPrice: number;
  readonly monthly: number;
}

export interface MonthlyCost {
  readonly environment: string;
  /** The table the figures come from; differs from the environment's region when that region has no table. */
  readonly pricedAt: string;
  readonly asOf: string;
  readonly lines: readonly LineItem[];
  /** What the environment costs at rest: node groups at their desired size. */
  readonly total: number;
  /** Node capacity the workloads request at their maximum replicas, and what that capacity costs. */
  readonly atMaxReplicas: { readonly nodes: number; readonly total: number };
  readonly notes: readonly string[];
}

/** Things the program creates whose price is per request or per GB moved, so they scale with use, not with config. */
export const NOT_PRICED = [
  'data transfer and NAT processing ($ per GB)',
  'S3 and ECR storage (backups of Kubernetes objects and images: a few GB)',
  'CloudWatch logs of the control plane, brokers and database',
  'RDS backup storage beyond the allocated size (free up to it)',
];

/** One ALB (the api's Ingress), at one load balancer capacity unit on average. */
const ALB_LCUS = 1;

/**
 * Requests of what runs beside the platform's workloads on every cluster: the add-ons of platform-addons/ (Argo CD,
 * Prometheus and Grafana, KEDA, Velero, External Secrets, the load balancer controller, metrics-server) and EKS's own
 * daemons. An estimate: the charts' defaults, summed.
 */
export const ADDON_REQUESTS = { cpuMillis: 2000, memoryMiB: 4096 };

/** Kubelet, system reserve and eviction headroom take about a tenth of a node. */
const ALLOCATABLE_SHARE = 0.9;

function price<T>(table: Readonly<Record<string, T>>, key: string, what: string): T {
  const value = table[key];
  if (value === undefined) throw new Error(`no ${what} price for ${key} in the price table; add it to infra/cost/`);
  return value;
}

function line(item: string, quantity: number, unit: string, unitPrice: number, hours = 1): LineItem {
  return { item, quantity, unit, unitPrice, monthly: round(quantity * unitPrice * hours) };
}

const round = (value: number): number => Math.round(value * 100) / 100;
const sum = (lines: readonly LineItem[]): number => round(lines.reduce((total, l) => total + l.monthly, 0));

/** Nodes of the first group needed to hold every pod at maximum replicas, plus the add-ons. */
function nodesAtMaxReplicas(config: EnvConfig, table: PriceTable): number {
  const group = config.aws.nodeGroups[0]!;
  const node = price(table.ec2, group.instanceType, 'EC2');
  const workloads = (['api', 'worker'] as const).map((w) => ({
    replicas: config[w].autoscaling.maxReplicas,
    cpu: cpuMillis(config[w].resources.requests.cpu),
    memory: memoryMebibytes(config[w].resources.requests.memory),
  }));
  const cpu = ADDON_REQUESTS.cpuMillis + workloads.reduce((t, w) => t + w.replicas * w.cpu, 0);
  const memory = ADDON_REQUESTS.memoryMiB + workloads.reduce((t, w) => t + w.replicas * w.memory, 0);
  const byCpu = Math.ceil(cpu / (node.vcpu * 1000 * ALLOCATABLE_SHARE));
  const byMemory = Math.ceil(memory / (node.memoryGiB * 1024 * ALLOCATABLE_SHARE));
  return Math.max(group.desiredSize, byCpu, byMemory);
}

/**
 * The monthly cost of one environment's AWS side, from its env.yaml and a price table: a pure function, so the
 * rendered diff can price both sides of a pull request.
 */
export function monthlyCost(
  config: EnvConfig,
  table: PriceTable = PRICE_TABLES[config.aws.region] ?? US_EAST_1,
): MonthlyCost {
  const hours = table.hoursPerMonth;
  const lines: LineItem[] = [line('EKS control plane', 1, 'cluster-hour', table.eksClusterHour, hours)];
  for (const group of config.aws.nodeGroups) {
    const node = price(table.ec2, group.instanceType, 'EC2');
    lines.push(
      line(`nodes ${group.name} (${group.instanceType})`, group.desiredSize, 'instance-hour', node.hour, hours),
    );
    lines.push(
      line(`node disks ${group.name} (gp3)`, group.desiredSize * group.diskGiB, 'GiB-month', table.ebsGp3GiBMonth),
    );
  }
  const natGateways = config.aws.natGateways === 'one-per-zone' ? config.aws.availabilityZones : 1;
  lines.push(
    line(`NAT gateways (${config.aws.natGateways})`, natGateways, 'gateway-hour', table.natGatewayHour, hours),
  );
  lines.push(
    line('public IPv4 addresses of the NAT gateways', natGateways, 'address-hour', table.publicIpv4Hour, hours),
  );
  lines.push(line('load balancer (api Ingress)', 1, 'ALB-hour', table.albHour + ALB_LCUS * table.albLcuHour, hours));
  const { brokers } = config.kafka;
  const brokerCount = brokers.zones * brokers.perZone;
  const brokerHour = price(table.mskBrokerHour, brokers.instanceType, 'MSK broker');
  lines.push(line(`MSK brokers (${brokers.instanceType})`, brokerCount, 'broker-hour', brokerHour, hours));
  lines.push(line('MSK storage', brokerCount * brokers.storageGiB, 'GiB-month', table.mskStorageGiBMonth));
  const db = config.postgres.instance;
  const copies = db.multiAz ? 2 : 1;
  const dbHour = price(table.rdsPostgresHour, db.instanceClass, 'RDS');
  lines.push(
    line(
      `RDS PostgreSQL (${db.instanceClass}${db.multiAz ? ', Multi-AZ' : ''})`,
      copies,
      'instance-hour',
      dbHour,
      hours,
    ),
  );
  lines.push(line('RDS storage (gp3)', copies * db.storageGiB, 'GiB-month', table.rdsGp3GiBMonth));
  lines.push(line('KMS keys (secrets, kafka, database, backups)', 4, 'key-month', table.kmsKeyMonth));
  lines.push(line('Secrets Manager (database credentials)', 1, 'secret-month', table.secretMonth));

  const total = sum(lines);
  const group = config.aws.nodeGroups[0]!;
  const nodes = nodesAtMaxReplicas(config, table);
  const extraNodes = nodes - group.desiredSize;
  const node = price(table.ec2, group.instanceType, 'EC2');
  const extra = round(extraNodes * (node.hour * hours + group.diskGiB * table.ebsGp3GiBMonth));
  const notes: string[] = [];
  if (table.region !== config.aws.region) {
    notes.push(`priced with ${table.region} list prices: no table for ${config.aws.region} is committed (infra/cost/)`);
  }
  if (nodes > group.desiredSize) {
    notes.push(
      `no node autoscaler is installed: node group ${group.name} stays at ${group.desiredSize} nodes, so pods beyond that capacity wait unscheduled`,
    );
  }
  if (nodes > group.maxSize) {
    notes.push(
      `at max replicas the pods request ${nodes} ${group.instanceType} nodes, above node group ${group.name}'s maxSize ${group.maxSize}`,
    );
  }
  return {
    environment: config.name,
    pricedAt: table.region,
    asOf: table.asOf,
    lines,
    total,
    atMaxReplicas: { nodes, total: round(total + extra) },
    notes,
  };
}
