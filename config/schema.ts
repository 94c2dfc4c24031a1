import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';
import { patternString, strictObject } from './schema-helpers.js';
import { AwsSection } from './sections/aws.js';
import { GitShaTag, Image, dnsLabel } from './sections/common.js';
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
  kubernetesVersion: patternString('^[0-9]+\\.[0-9]+\\.[0-9]+$', 'a Kubernetes version such as 1.35.4'),
  namespace: dnsLabel,
  aws: AwsSection,
  gitops: GitopsSection,
  images: strictObject({
    registry: patternString(
      '^[a-z0-9.-]+(:[0-9]+)?(/[a-z0-9._-]+)*$',
      'a registry host such as 123.dkr.ecr.eu-west-1.amazonaws.com',
    ),
    tag: GitShaTag,
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
  // Absent where synthetic traffic must never go (prod): nothing of the load test is rendered there.
  loadtest: Type.Optional(LoadtestSection),
  addons: AddonsSection,
});

export type EnvConfig = Static<typeof EnvConfigSchema>;
