import type { RecordedResource } from '../testing/mocks.js';
import { cidrContains } from './cidr.js';
import type { InfraFacts } from './infra-facts.js';
import { infraFacts } from './infra-facts.js';
import type { RenderedObject } from './manifests.js';
import type { Violation } from './policy.js';
import type { Reference } from './rendered-references.js';
import { renderedReferences } from './rendered-references.js';

const NAME = 'every AWS thing the manifests name is one this program creates';

const MSK_BROKER = /^b-(\d+)\.([a-z0-9-]+)\.[a-z0-9]+\.c\d+\.kafka\.([a-z0-9-]+)\.amazonaws\.com$/;
const RDS_INSTANCE = /^([a-z][a-z0-9-]*)\.[a-z0-9]+\.([a-z0-9-]+)\.rds\.amazonaws\.com$/;
const ACM_CERTIFICATE = /^arn:aws:acm:([a-z0-9-]+):(\d{12}):certificate\/[a-f0-9-]+$/;

const list = (values: Iterable<string>): string => [...values].join(', ') || 'none';

/** Why a reference names nothing this run creates, or undefined when it names something it does. */
function problemWith(reference: Reference, facts: InfraFacts): string | undefined {
  switch (reference.kind) {
    case 'role': {
      if (reference.account !== facts.accountId)
        return `role ${reference.name} is in account ${reference.account}, the environment's is ${facts.accountId}`;
      if (!facts.roles.has(reference.name))
        return `no role ${reference.name} is created (created: ${list(facts.roles.keys())})`;
      return undefined;
    }
    case 'irsa-binding': {
      const name = reference.roleArn.split(':role/')[1] ?? '';
      const trusted = facts.roles.get(name);
      if (!facts.roles.has(name)) return undefined; // reported as a missing role
      const wanted = `${reference.namespace}/${reference.serviceAccount}`;
      if (!trusted) return `role ${name} trusts no service account, but ${wanted} is annotated with it`;
      const actual = `${trusted.namespace}/${trusted.name}`;
      return actual === wanted ? undefined : `role ${name} trusts ${actual}, but ${wanted} is annotated with it`;
    }
    case 'arn': {
      const certificate = ACM_CERTIFICATE.exec(reference.arn);
      if (!certificate) return `${reference.arn} is not a kind of ARN this program creates`;
      if (certificate[2] !== facts.accountId || certificate[1] !== facts.region) {
        return `certificate ${reference.arn} is not in account ${facts.accountId}, region ${facts.region}`;
      }
      return facts.certificateDomains.size > 0 ? undefined : `no certificate is created, but ${reference.arn} is used`;
    }
    case 'image': {
      if (reference.account !== facts.accountId || reference.region !== facts.region) {
        return `image registry of account ${reference.account} in ${reference.region}, the environment's is ${facts.accountId} in ${facts.region}`;
      }
      return facts.repositories.has(reference.repository)
        ? undefined
        : `no repository ${reference.repository} (created: ${list(facts.repositories)})`;
    }
    case 'kafka-broker': {
      const match = MSK_BROKER.exec(reference.host);
      if (!match)
        return `${reference.host} is not an MSK broker address (b-<n>.<cluster>.<id>.c<k>.kafka.<region>.amazonaws.com)`;
      const [, index, cluster, region] = match;
      const created = facts.kafkaClusters.get(cluster!);
      if (!created) return `no MSK cluster ${cluster} (created: ${list(facts.kafkaClusters.keys())})`;
      if (region !== facts.region)
        return `broker ${reference.host} is in ${region}, the environment is in ${facts.region}`;
      if (Number(index) > created.brokers)
        return `broker b-${index} does not exist: ${cluster} has ${created.brokers} brokers`;
      if (!created.ports.includes(reference.port)) {
        return `port ${reference.port} of ${cluster} is not a listener it opens (${created.ports.join(', ') || 'none'}: authenticated TLS only)`;
      }
      return undefined;
    }
    case 'database-host': {
      const match = RDS_INSTANCE.exec(reference.host);
      if (!match)
        return `${reference.host} is not an RDS instance endpoint (<identifier>.<id>.<region>.rds.amazonaws.com)`;
      if (match[2] !== facts.region)
        return `database ${reference.host} is in ${match[2]}, the environment is in ${facts.region}`;
      return facts.databases.has(match[1]!)
        ? undefined
        : `no RDS instance ${match[1]} (created: ${list(facts.databases.keys())})`;
    }
    case 'bucket':
      return facts.buckets.has(reference.name)
        ? undefined
        : `no bucket ${reference.name} (created: ${list(facts.buckets)})`;
    case 'secret':
      return facts.secrets.has(reference.name)
        ? undefined
        : `no secret ${reference.name} (created: ${list(facts.secrets)})`;
    case 'region':
      return reference.region === facts.region
        ? undefined
        : `region ${reference.region}, the environment is in ${facts.region}`;
    case 'cluster-name':
      return facts.clusters.has(reference.name)
        ? undefined
        : `no EKS cluster ${reference.name} (created: ${list(facts.clusters)})`;
    case 'cidr': {
      if (facts.serviceCidrs.some((service) => cidrContains(service, reference.cidr))) return undefined;
      if (!facts.vpcCidrs.some((vpc) => cidrContains(vpc, reference.cidr))) {
        return `${reference.cidr} lies outside the VPC (${list(facts.vpcCidrs)}) and the cluster's service network`;
      }
      const covered = facts.subnetCidrs.filter(
        (subnet) => cidrContains(reference.cidr, subnet) || cidrContains(subnet, reference.cidr),
      );
      return covered.length > 0 ? undefined : `${reference.cidr} covers none of the VPC's subnets`;
    }
  }
}

/**
 * The rendered-vs-infra cross-check: every ARN, registry, bucket, secret, endpoint, region, cluster name and CIDR
 * the committed manifests of an environment reference is one this program creates for that environment.
 */
export function referencesCreated(
  resources: readonly RecordedResource[],
  rendered: readonly RenderedObject[],
): Violation[] {
  const facts = infraFacts(resources);
  const violations: Violation[] = [];
  const seen = new Set<string>();
  for (const reference of renderedReferences(rendered)) {
    const problem = problemWith(reference, facts);
    if (!problem) continue;
    const key = `${reference.file}|${problem}`;
    if (seen.has(key)) continue;
    seen.add(key);
    violations.push({ policy: NAME, resource: `${reference.file} (${reference.path})`, message: problem });
  }
  return violations;
}
