import type { EnvConfig } from '../../config/schema.js';
import { longestCronGapSeconds } from './cron-gap.js';
import { STARTING_DEADLINE_SECONDS } from './cron-job.js';

export const DRILLS = ['chaos-drill', 'restore-drill'] as const;
export type Drill = (typeof DRILLS)[number];

/** How long one run may take before Kubernetes stops it (the Job's activeDeadlineSeconds). */
export function drillDeadlineSeconds(config: EnvConfig, drill: Drill): number {
  if (drill === 'chaos-drill') {
    const { chaos } = config.drills;
    return chaos.durationSeconds + chaos.lagRecoverySeconds * 3 + 600;
  }
  // Waiting for RDS to reach the point, the restore itself, the check, Velero, and deleting both scratch copies.
  return config.drills.restore.objectives.rtoSeconds + 7200;
}

/**
 * How long a drill may go without passing before that is itself a failure: the longest wait between two scheduled
 * runs, plus the time the next one may take, plus the CronJob's starting deadline.
 */
export function drillOverdueSeconds(config: EnvConfig, drill: Drill): number {
  const schedule = drill === 'chaos-drill' ? config.drills.chaos.schedule : config.drills.restore.schedule;
  return longestCronGapSeconds(schedule) + drillDeadlineSeconds(config, drill) + STARTING_DEADLINE_SECONDS;
}
