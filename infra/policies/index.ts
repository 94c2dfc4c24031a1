import { noPublicBuckets } from './buckets.js';
import { clusterEndpointNotOpen } from './cluster.js';
import { databaseNeverPublic, databaseSafeSettings } from './database.js';
import { everyDataStoreEncrypted } from './encryption.js';
import { irsaTrustsOneServiceAccount, noWildcardAdmin, workflowRolesTrustOneBranch } from './identities.js';
import { kafkaRefusesPlaintextAndAnonymous, kafkaReplicationMatchesTopics } from './kafka.js';
import type { InfraPolicy } from './policy.js';

/** The policies every environment's infrastructure must pass. */
export const POLICIES: readonly InfraPolicy[] = [
  noPublicBuckets,
  everyDataStoreEncrypted,
  databaseNeverPublic,
  databaseSafeSettings,
  kafkaRefusesPlaintextAndAnonymous,
  kafkaReplicationMatchesTopics,
  irsaTrustsOneServiceAccount,
  workflowRolesTrustOneBranch,
  noWildcardAdmin,
  clusterEndpointNotOpen,
];
