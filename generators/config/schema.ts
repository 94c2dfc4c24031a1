import type { Static } from '@sinclair/typebox';
import { patternString, strictObject } from './schema-helpers.js';
import { AwsSection } from './sections/aws.js';
import { Image, dnsLabel } from './sections/common.js';
import { KafkaSection, PostgresSection } from './sections/data.js';
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

export const EnvConfigSchema = strictObject({
  name: dnsLabel,
  kubernetesVersion: patternString('^[0-9]+\\.[0-9]+\\.[0-9]+$', 'a Kubernetes version such as 1.31.0'),
  namespace: dnsLabel,
  aws: AwsSection,
  gitops: GitopsSection,
  // Repositories in the environment's own ECR registry (host derived from aws.accountId and aws.region).
  images: strictObject({
    api: Image,
    worker: Image,
    drills: Image,
    loadgen: Image,
  }),
  api: ApiSection,
  worker: WorkerSection,
  kafka: KafkaSection,
  postgres: PostgresSection,
  network: NetworkSection,
  observability: ObservabilitySection,
  backup: BackupSection,
  drills: DrillsSection,
  loadtest: LoadtestSection,
  addons: AddonsSection,
});

export type EnvConfig = Static<typeof EnvConfigSchema>;
