/** The application every rendered resource belongs to (`app.kubernetes.io/part-of`). */
export const PART_OF = 'event-platform';

import type { Workload } from '../../config/workloads.js';

export type Component = Workload;

/**
 * The labels that select a component's pods. Deliberately few and fixed: a Deployment's selector is immutable,
 * so it must never depend on a construct path, an image tag or anything else that changes.
 */
export function selectorLabels(component: Component): Record<string, string> {
  return {
    'app.kubernetes.io/name': component,
    'app.kubernetes.io/part-of': PART_OF,
  };
}

/** Labels for a component's resources and pods: the selector labels plus descriptive ones. */
export function componentLabels(component: Component): Record<string, string> {
  return {
    ...selectorLabels(component),
    'app.kubernetes.io/component': component,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}

/** Labels for resources that belong to the platform as a whole (namespaces, shared policies). */
export function platformLabels(): Record<string, string> {
  return {
    'app.kubernetes.io/part-of': PART_OF,
    'app.kubernetes.io/managed-by': 'cdk8s',
  };
}
