import type { FieldChange } from './field-diff.js';

/** What reviewers look for first, by resource kind and field. */
export type Highlight =
  'image' | 'replicas and autoscaling' | 'resources' | 'network policy' | 'RBAC' | 'sync options' | 'backup schedule';

const AUTOSCALING_FIELD =
  /(^|\.)(replicas|minReplicas|maxReplicas|minReplicaCount|maxReplicaCount|lagThreshold|activationLagThreshold|averageUtilization|pollingInterval|behavior|stabilizationWindowSeconds)(\.|$|\[)/;

/** The categories a field change falls in (usually none or one). Pure. */
export function highlightsOf(kind: string, change: FieldChange): Highlight[] {
  const found: Highlight[] = [];
  if (/(^|\.)image$/.test(change.path) || /\.image$/.test(change.path)) found.push('image');
  if (AUTOSCALING_FIELD.test(change.path) || /lagThreshold/.test(change.path)) found.push('replicas and autoscaling');
  if (/(^|\.)resources(\.|$)/.test(change.path)) found.push('resources');
  if (kind === 'NetworkPolicy') found.push('network policy');
  if (['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(kind)) found.push('RBAC');
  if (kind === 'Application' && /syncPolicy|ignoreDifferences/.test(change.path)) found.push('sync options');
  if (kind === 'Schedule' || kind === 'BackupStorageLocation') found.push('backup schedule');
  return found;
}
