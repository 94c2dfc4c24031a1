import type { RecordedResource } from '../testing/mocks.js';

/** A broken rule: which resource, and what is wrong with it, in words an operator can act on. */
export interface Violation {
  readonly policy: string;
  readonly resource: string;
  readonly message: string;
}

/** A policy is a pure function of the resources a program registers: a bad resource can be fed in to see it fail. */
export interface InfraPolicy {
  readonly name: string;
  readonly check: (resources: readonly RecordedResource[]) => Violation[];
}

export const TYPES = {
  bucket: 'aws:s3/bucket:Bucket',
  bucketPublicAccessBlock: 'aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock',
  bucketEncryption: 'aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration',
  bucketPolicy: 'aws:s3/bucketPolicy:BucketPolicy',
  bucketAcl: 'aws:s3/bucketAclV2:BucketAclV2',
  bucketVersioning: 'aws:s3/bucketVersioning:BucketVersioning',
  bucketLifecycle: 'aws:s3/bucketLifecycleConfiguration:BucketLifecycleConfiguration',
  dbInstance: 'aws:rds/instance:Instance',
  dbParameterGroup: 'aws:rds/parameterGroup:ParameterGroup',
  kafkaCluster: 'aws:msk/cluster:Cluster',
  kafkaConfiguration: 'aws:msk/configuration:Configuration',
  secret: 'aws:secretsmanager/secret:Secret',
  eksCluster: 'aws:eks/cluster:Cluster',
  repository: 'aws:ecr/repository:Repository',
  ebsEncryptionByDefault: 'aws:ebs/encryptionByDefault:EncryptionByDefault',
  role: 'aws:iam/role:Role',
  rolePolicy: 'aws:iam/rolePolicy:RolePolicy',
  vpc: 'aws:ec2/vpc:Vpc',
  subnet: 'aws:ec2/subnet:Subnet',
  certificate: 'aws:acm/certificate:Certificate',
  provider: 'pulumi:providers:aws',
} as const;

export function ofType(resources: readonly RecordedResource[], type: string): RecordedResource[] {
  return resources.filter((r) => r.type === type);
}

export function describe(resource: RecordedResource): string {
  return `${resource.type.split(':').pop()} ${resource.name}`;
}

export function violation(policy: string, resource: RecordedResource | string, message: string): Violation {
  return { policy, resource: typeof resource === 'string' ? resource : describe(resource), message };
}

/** A policy document given as a JSON string (what IAM and S3 take) or an object. */
export function parseDocument(document: unknown): { Statement?: any[] } {
  if (typeof document === 'string') return JSON.parse(document) as { Statement?: any[] };
  return document ?? {};
}

export function asList<T>(value: T | T[] | undefined): T[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}
