import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { stringify } from 'yaml';
import type { EnvConfig } from '../../config/schema.js';
import { apiObject } from '../render/api-objects.js';
import { namespacedRole } from '../render/identity.js';
import { componentLabels, selectorLabels } from '../render/labels.js';

/** The worker's Deployment: the one scale target the chaos drill may patch. */
export const WORKER_DEPLOYMENT = 'worker';

/** Velero's resource modifiers for the restore drill (a ConfigMap in Velero's namespace). */
export const RESTORE_MODIFIERS = 'restore-drill-modifiers';

/**
 * The chaos drill may delete pods and patch the worker's scale, in its own namespace, and nothing else. RBAC cannot
 * name pods by label, so an admission policy refuses the drill's deletion of any pod that is not the worker's.
 */
export function renderChaosDrillAccess(scope: Construct, config: EnvConfig): void {
  const namespace = config.namespace;
  namespacedRole(scope, 'chaos-drill', namespace, namespace, [
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'delete'] },
    {
      apiGroups: ['apps'],
      resources: ['deployments/scale'],
      resourceNames: [WORKER_DEPLOYMENT],
      verbs: ['get', 'patch'],
    },
  ]);
  const name = `${namespace}-chaos-drill-deletes-only-workers`;
  const labels = componentLabels('chaos-drill');
  const worker = selectorLabels('worker');
  const conditions = Object.entries(worker).map(
    ([key, value]) => `oldObject.metadata.labels[${JSON.stringify(key)}] == ${JSON.stringify(value)}`,
  );
  apiObject(scope, {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicy',
    name,
    labels,
    body: {
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': namespace } },
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['DELETE'], resources: ['pods'] }],
        },
        matchConditions: [
          {
            name: 'by-the-chaos-drill',
            expression: `request.userInfo.username == 'system:serviceaccount:${namespace}:chaos-drill'`,
          },
        ],
        validations: [
          {
            expression: `has(oldObject.metadata.labels) && ${Object.keys(worker)
              .map((key) => `${JSON.stringify(key)} in oldObject.metadata.labels`)
              .join(' && ')} && ${conditions.join(' && ')}`,
            message: 'the chaos drill may delete only the worker’s pods',
          },
        ],
      },
    },
  });
  apiObject(scope, {
    apiVersion: 'admissionregistration.k8s.io/v1',
    kind: 'ValidatingAdmissionPolicyBinding',
    name,
    labels,
    body: { spec: { policyName: name, validationActions: ['Deny'] } },
  });
}

/**
 * The restore drill: Velero restores (create, read) and backups (read) in Velero's namespace; the scratch namespace
 * (read, delete: it is named, so nothing else can be deleted); read-only access to the kinds it compares, cluster-wide
 * because the scratch namespace does not exist until Velero creates it (no Role can wait there); and the resource
 * modifiers that bring the restored workloads back at zero replicas.
 */
export function renderRestoreDrillAccess(scope: Construct, config: EnvConfig, veleroNamespace: string): void {
  const { scratchNamespace } = config.drills.restore;
  const labels = componentLabels('restore-drill');
  namespacedRole(scope, 'restore-drill', config.namespace, veleroNamespace, [
    { apiGroups: ['velero.io'], resources: ['backups'], verbs: ['get', 'list'] },
    { apiGroups: ['velero.io'], resources: ['restores'], verbs: ['create', 'get'] },
  ]);
  const clusterRole = (id: string, name: string, rules: k8s.PolicyRule[]) => {
    new k8s.KubeClusterRole(scope, id, { metadata: { name, labels }, rules });
    new k8s.KubeClusterRoleBinding(scope, `${id}-binding`, {
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [{ kind: 'ServiceAccount', name: 'restore-drill', namespace: config.namespace }],
    });
  };
  clusterRole('restore-drill-scratch-namespace', `${config.namespace}-restore-drill`, [
    { apiGroups: [''], resources: ['namespaces'], resourceNames: [scratchNamespace], verbs: ['get', 'delete'] },
  ]);
  clusterRole('restore-drill-reader', `${config.namespace}-restore-drill-reader`, [
    { apiGroups: [''], resources: ['pods', 'services', 'serviceaccounts'], verbs: ['get', 'list'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get', 'list'] },
    { apiGroups: ['batch'], resources: ['cronjobs'], verbs: ['get', 'list'] },
    { apiGroups: ['networking.k8s.io'], resources: ['networkpolicies'], verbs: ['get', 'list'] },
  ]);
  // Velero matches a rule's namespaces against the backup's namespace (vmware-tanzu/velero#6724): name both.
  const namespaces = [config.namespace, scratchNamespace];
  const modifiers = {
    version: 'v1',
    resourceModifierRules: [
      {
        conditions: { groupResource: 'deployments.apps', namespaces },
        patches: [{ operation: 'add', path: '/spec/replicas', value: '0' }],
      },
      {
        conditions: { groupResource: 'cronjobs.batch', namespaces },
        patches: [{ operation: 'add', path: '/spec/suspend', value: 'true' }],
      },
    ],
  };
  apiObject(scope, {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    name: RESTORE_MODIFIERS,
    namespace: veleroNamespace,
    labels,
    body: { data: { 'resource-modifiers.yaml': stringify(modifiers) } },
  });
}
