import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { patternString, port, strictObject } from './schema-helpers.js';
import { Image, dnsLabel } from './sections/common.js';
import {
  AddonsSection,
  BackupSection,
  DrillsSection,
  GitopsSection,
  LoadtestSection,
  ObservabilitySection,
} from './sections/operations.js';
import { NetworkSection } from './sections/network.js';
import { ApiSection, WorkerSection } from './sections/workloads.js';

// The one JSON Schema for environments/<env>/env.yaml. The TypeScript type `EnvConfig` is derived from it,
// so the validator and the generators cannot disagree about a field.

const Topic = strictObject({
  name: patternString('^[a-zA-Z0-9._-]{1,249}$', 'a Kafka topic name'),
  partitions: Type.Integer({ minimum: 1, maximum: 1000, description: 'partition count; caps worker parallelism' }),
});

export const EnvConfigSchema = strictObject({
  name: dnsLabel,
  kubernetesVersion: patternString('^[0-9]+\\.[0-9]+\\.[0-9]+$', 'a Kubernetes version such as 1.35.4'),
  namespace: dnsLabel,
  aws: strictObject({
    accountId: patternString('^[0-9]{12}$', 'a 12-digit AWS account id'),
    region: patternString('^[a-z]{2}(-[a-z]+)+-[0-9]$', 'an AWS region such as eu-west-1'),
    clusterName: dnsLabel,
    // IAM roles for service accounts are named `<iamRolePrefix>-<service account>`; infra/ creates them by the same rule.
    iamRolePrefix: dnsLabel,
  }),
  gitops: GitopsSection,
  images: strictObject({
    registry: patternString(
      '^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$',
      'a registry host such as 123.dkr.ecr.eu-west-1.amazonaws.com',
    ),
    api: Image,
    worker: Image,
    drills: Image,
  }),
  api: ApiSection,
  worker: WorkerSection,
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
      remoteKey: patternString('^[A-Za-z0-9/_+=.@-]{1,512}$', 'the name of the secret in AWS Secrets Manager'),
    }),
  }),
  network: NetworkSection,
  observability: ObservabilitySection,
  backup: BackupSection,
  drills: DrillsSection,
  loadtest: LoadtestSection,
  addons: AddonsSection,
});

export type EnvConfig = Static<typeof EnvConfigSchema>;
