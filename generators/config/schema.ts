import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { patternString, port, strictObject, stringEnum } from './schema-helpers.js';

// The one JSON Schema for environments/<env>/env.yaml. The TypeScript type `EnvConfig` is derived from it,
// so the validator and the generators cannot disagree about a field.

const dnsLabel = patternString('^[a-z]([-a-z0-9]{0,61}[a-z0-9])?$', 'a DNS label: lowercase letters, digits and -');

const cpuQuantity = patternString('^([1-9][0-9]*m|[0-9]+(\\.[0-9]{1,3})?)$', 'a CPU quantity such as 250m or 1.5');
const memoryQuantity = patternString('^[1-9][0-9]*(Mi|Gi)$', 'a memory quantity in Mi or Gi such as 256Mi');

const ResourceAmounts = strictObject({ cpu: cpuQuantity, memory: memoryQuantity });
const Resources = strictObject(
  { requests: ResourceAmounts, limits: ResourceAmounts },
  'container resources; requests are what the scheduler reserves, limits what the kubelet enforces',
);

const Image = strictObject({
  repository: patternString('^[a-z0-9]+([._/-][a-z0-9]+)*$', 'an image repository name such as events-api'),
  // Mutable tags make a rendered manifest mean different things on different days; `latest` is refused outright.
  tag: patternString('^(?!latest$)[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$', 'an image tag other than latest, such as 1.4.2'),
});

const ReplicaBounds = {
  minReplicas: Type.Integer({ minimum: 1, maximum: 100, description: 'replicas the autoscaler never goes below' }),
  maxReplicas: Type.Integer({ minimum: 1, maximum: 100, description: 'replicas the autoscaler never goes above' }),
};

const Topic = strictObject({
  name: patternString('^[a-zA-Z0-9._-]{1,249}$', 'a Kafka topic name'),
  partitions: Type.Integer({ minimum: 1, maximum: 1000, description: 'partition count; caps worker parallelism' }),
});

export const EnvConfigSchema = strictObject({
  name: dnsLabel,
  kubernetesVersion: patternString('^[0-9]+\\.[0-9]+\\.[0-9]+$', 'a Kubernetes version such as 1.31.0'),
  namespace: dnsLabel,
  aws: strictObject({
    accountId: patternString('^[0-9]{12}$', 'a 12-digit AWS account id'),
    region: patternString('^[a-z]{2}(-[a-z]+)+-[0-9]$', 'an AWS region such as eu-west-1'),
    clusterName: dnsLabel,
  }),
  images: strictObject({
    registry: patternString(
      '^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$',
      'a registry host such as 123.dkr.ecr.eu-west-1.amazonaws.com',
    ),
    api: Image,
    worker: Image,
  }),
  api: strictObject({
    port: port('the port the API listens on inside the pod'),
    autoscaling: strictObject({
      ...ReplicaBounds,
      targetCpuUtilization: Type.Integer({ minimum: 10, maximum: 95, description: 'HPA CPU target in percent' }),
    }),
    resources: Resources,
  }),
  worker: strictObject({
    mode: stringEnum(['before', 'after'] as const, 'before = naive processing, after = exactly-once effects'),
    metricsPort: port('the port the worker serves /metrics and health on'),
    autoscaling: strictObject({
      ...ReplicaBounds,
      lagThreshold: Type.Integer({ minimum: 1, description: 'consumer lag per replica that KEDA aims for' }),
      activationLagThreshold: Type.Integer({ minimum: 0, description: 'lag below which the worker is not scaled up' }),
    }),
    terminationGracePeriodSeconds: Type.Integer({
      minimum: 5,
      maximum: 3600,
      description: 'must exceed the worst-case batch time so a scale-down never cuts a batch',
    }),
    resources: Resources,
  }),
  kafka: strictObject({
    bootstrapServers: Type.Array(patternString('^[a-zA-Z0-9.-]+:[0-9]{1,5}$', 'host:port'), {
      minItems: 1,
      uniqueItems: true,
    }),
    topic: Topic,
    deadLetterTopic: Topic,
    consumerGroup: patternString('^[a-zA-Z0-9._-]{1,249}$', 'a Kafka consumer group id'),
  }),
  postgres: strictObject({
    host: patternString('^[a-zA-Z0-9.-]+$', 'a host name'),
    port: port('the PostgreSQL port'),
    database: patternString('^[a-z_][a-z0-9_]{0,62}$', 'a PostgreSQL database name'),
    // A reference to a Secret that holds the credentials; env.yaml never carries a secret value.
    credentialsSecret: strictObject({
      name: dnsLabel,
      usernameKey: patternString('^[-._a-zA-Z0-9]+$', 'a key in the Secret'),
      passwordKey: patternString('^[-._a-zA-Z0-9]+$', 'a key in the Secret'),
    }),
  }),
});

export type EnvConfig = Static<typeof EnvConfigSchema>;
