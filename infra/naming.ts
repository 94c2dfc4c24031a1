import type { EnvConfig } from '../config/schema.js';
import { iamRoleName } from '../config/aws.js';

// Every physical name the program gives an AWS resource, derived from env.yaml by the same rules the generators use,
// so the rendered manifests and the infrastructure name the same things.

/** The EKS cluster; the VPC, the MSK cluster and the RDS instance carry the same name. */
export const clusterName = (config: EnvConfig): string => config.aws.clusterName;

// The RDS names are shared with the restore drill's CronJob, so they live in config/ (one rule for both sides).
export { RESTORE_DRILL_TAG, databaseIdentifier, restoreDrillInstancePrefix } from '../config/aws.js';

export const kafkaClusterName = (config: EnvConfig): string => config.aws.clusterName;

export const roleName = iamRoleName;

/** ECR repositories: one per image the environment runs, named as env.yaml's images name them. */
export function repositoryNames(config: EnvConfig): string[] {
  return [config.images.api, config.images.worker, config.images.drills, config.images.loadgen].map(
    (image) => image.repository,
  );
}

/** Tags on every resource: who owns it and where it comes from. */
export function defaultTags(config: EnvConfig): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': 'event-platform',
    environment: config.name,
    'managed-by': 'pulumi',
    source: 'infra/',
  };
}
