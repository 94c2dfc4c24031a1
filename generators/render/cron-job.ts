import type { Construct } from 'constructs';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from './api-objects.js';
import type { Component } from './labels.js';
import { componentLabels } from './labels.js';

/** A run that could not start within this of its scheduled time is skipped. */
export const STARTING_DEADLINE_SECONDS = 600;

export interface CronJobProps {
  readonly component: Component;
  readonly schedule: string;
  /** true: no scheduled runs; a run is started by hand with `kubectl create job --from=cronjob/<name>`. */
  readonly suspend: boolean;
  readonly pod: Record<string, unknown>;
  readonly deadlineSeconds: number;
}

/**
 * A CronJob for a run-to-completion component (drills, the load test). Unlike a Job's pod template, which is immutable
 * and makes a sync fail when it changes, a CronJob's job template can be updated in place; each run gets a Job of its
 * own from it.
 */
export function cronJob(scope: Construct, config: EnvConfig, props: CronJobProps): void {
  apiObject(scope, {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    name: props.component,
    namespace: config.namespace,
    labels: componentLabels(props.component),
    body: {
      spec: {
        schedule: props.schedule,
        suspend: props.suspend,
        // Two runs at once would measure each other, not the system.
        concurrencyPolicy: 'Forbid',
        startingDeadlineSeconds: STARTING_DEADLINE_SECONDS,
        successfulJobsHistoryLimit: 3,
        failedJobsHistoryLimit: 5,
        jobTemplate: {
          metadata: { labels: componentLabels(props.component) },
          // A failed run is a finding to look at, not something to retry until it passes.
          spec: { backoffLimit: 0, activeDeadlineSeconds: props.deadlineSeconds, template: props.pod },
        },
      },
    },
  });
}
