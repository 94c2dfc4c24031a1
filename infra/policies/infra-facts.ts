import type { RecordedResource } from '../testing/mocks.js';
import { trustedServiceAccount, serviceAccountRoles } from './identities.js';
import { TYPES, ofType } from './policy.js';

/** MSK's listener ports: TLS with SASL/IAM, TLS with SASL/SCRAM, mutual TLS. */
const KAFKA_PORTS = { iam: 9098, scram: 9096, tls: 9094 } as const;

/** What one run of the program creates, in the terms the rendered manifests use to refer to it. */
export interface InfraFacts {
  readonly accountId: string | undefined;
  readonly region: string | undefined;
  readonly roles: Map<string, { namespace: string; name: string } | undefined>;
  readonly repositories: Set<string>;
  readonly kafkaClusters: Map<string, { brokers: number; ports: number[] }>;
  readonly databases: Map<string, { port: number }>;
  readonly buckets: Set<string>;
  readonly secrets: Set<string>;
  readonly clusters: Set<string>;
  readonly certificateDomains: Set<string>;
  readonly vpcCidrs: string[];
  readonly subnetCidrs: string[];
  readonly serviceCidrs: string[];
}

function kafkaPorts(cluster: RecordedResource): number[] {
  const auth = cluster.inputs.clientAuthentication ?? {};
  const ports: number[] = [];
  if (auth.sasl?.iam) ports.push(KAFKA_PORTS.iam);
  if (auth.sasl?.scram) ports.push(KAFKA_PORTS.scram);
  if (auth.tls) ports.push(KAFKA_PORTS.tls);
  return ports;
}

/** Provider inputs reach the engine as strings: lists arrive JSON-encoded. */
function providerAccount(provider: RecordedResource | undefined): string | undefined {
  const allowed: unknown = provider?.inputs.allowedAccountIds;
  const list: unknown = typeof allowed === 'string' ? JSON.parse(allowed) : allowed;
  return Array.isArray(list) && list.length === 1 ? String(list[0]) : undefined;
}

export function infraFacts(resources: readonly RecordedResource[]): InfraFacts {
  const provider = ofType(resources, TYPES.provider)[0];
  const names = (type: string, input: string) => new Set(ofType(resources, type).map((r) => String(r.inputs[input])));
  return {
    accountId: providerAccount(provider),
    region: provider?.inputs.region as string | undefined,
    roles: new Map(
      ofType(resources, TYPES.role).map((role) => [
        String(role.inputs.name),
        serviceAccountRoles([role]).length > 0 ? trustedServiceAccount(role).account : undefined,
      ]),
    ),
    repositories: names(TYPES.repository, 'name'),
    kafkaClusters: new Map(
      ofType(resources, TYPES.kafkaCluster).map((c) => [
        String(c.inputs.clusterName),
        { brokers: Number(c.inputs.numberOfBrokerNodes), ports: kafkaPorts(c) },
      ]),
    ),
    databases: new Map(
      ofType(resources, TYPES.dbInstance).map((db) => [
        String(db.inputs.identifier),
        { port: Number(db.inputs.port ?? 5432) },
      ]),
    ),
    buckets: names(TYPES.bucket, 'bucket'),
    secrets: names(TYPES.secret, 'name'),
    clusters: names(TYPES.eksCluster, 'name'),
    certificateDomains: names(TYPES.certificate, 'domainName'),
    vpcCidrs: ofType(resources, TYPES.vpc).map((vpc) => String(vpc.inputs.cidrBlock)),
    subnetCidrs: ofType(resources, TYPES.subnet).map((subnet) => String(subnet.inputs.cidrBlock)),
    serviceCidrs: ofType(resources, TYPES.eksCluster)
      .map((eks) => eks.inputs.kubernetesNetworkConfig?.serviceIpv4Cidr as string | undefined)
      .filter((cidr): cidr is string => cidr !== undefined),
  };
}
