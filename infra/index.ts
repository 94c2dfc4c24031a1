// The Pulumi program's entry point (infra/Pulumi.yaml): the stack's name is the environment's name, and
// environments/<stack>/env.yaml is the only input. `npm run infra:preview -- --env <env>` runs it.
import * as pulumi from '@pulumi/pulumi';
import { loadEnvironment } from '../config/load.js';
import { repoRoot } from '../config/paths.js';
import { createEnvironment } from './program.js';

// infra/ creates the endpoints and the certificate that replace their placeholders: it runs while they are there.
export const {
  clusterName,
  clusterEndpoint,
  oidcIssuer,
  kafkaBootstrapBrokers,
  databaseEndpoint,
  databaseCredentialsSecret,
  backupBucket,
  registry,
  repositories,
  serviceAccountRoles,
  certificateArn,
  certificateValidation,
} = createEnvironment(loadEnvironment(repoRoot, pulumi.getStack(), { placeholders: 'tolerated' }).config);
