/**
 * The kinds each add-on's chart deploys at its pinned version with the catalog's values, read from the chart's
 * templates and crds/ folder (no chart is rendered here: Argo CD renders them in the cluster). The AppProject rule
 * (policies/rules/project-kinds.ts) checks every one of them against the environment's AppProject, so a chart bump
 * that starts deploying a new cluster-scoped kind must add it here, and then the render permits it.
 */
export interface GroupKind {
  readonly group: string;
  readonly kind: string;
}

export interface ChartKinds {
  readonly cluster: readonly GroupKind[];
  readonly namespaced: readonly GroupKind[];
}

const core = (kind: string): GroupKind => ({ group: '', kind });
const apps = (kind: string): GroupKind => ({ group: 'apps', kind });
const rbac = (kind: string): GroupKind => ({ group: 'rbac.authorization.k8s.io', kind });
const monitoring = (kind: string): GroupKind => ({ group: 'monitoring.coreos.com', kind });
const admission = (kind: string): GroupKind => ({ group: 'admissionregistration.k8s.io', kind });

const CRD: GroupKind = { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' };
const CLUSTER_RBAC = [rbac('ClusterRole'), rbac('ClusterRoleBinding')];
const NAMESPACED_RBAC = [core('ServiceAccount'), rbac('Role'), rbac('RoleBinding')];
const PDB: GroupKind = { group: 'policy', kind: 'PodDisruptionBudget' };
const API_SERVICE: GroupKind = { group: 'apiregistration.k8s.io', kind: 'APIService' };

export const CHART_KINDS: Readonly<Record<string, ChartKinds>> = {
  keda: {
    cluster: [CRD, ...CLUSTER_RBAC, API_SERVICE, admission('ValidatingWebhookConfiguration')],
    namespaced: [...NAMESPACED_RBAC, apps('Deployment'), core('Service'), monitoring('ServiceMonitor')],
  },
  velero: {
    cluster: [CRD, ...CLUSTER_RBAC],
    namespaced: [
      ...NAMESPACED_RBAC,
      apps('Deployment'),
      core('Service'),
      core('ConfigMap'),
      { group: 'batch', kind: 'Job' },
      monitoring('ServiceMonitor'),
    ],
  },
  'kube-prometheus-stack': {
    cluster: [
      CRD,
      ...CLUSTER_RBAC,
      admission('ValidatingWebhookConfiguration'),
      admission('MutatingWebhookConfiguration'),
    ],
    namespaced: [
      ...NAMESPACED_RBAC,
      apps('Deployment'),
      apps('DaemonSet'),
      core('Service'),
      core('ConfigMap'),
      core('Secret'),
      { group: 'batch', kind: 'Job' },
      monitoring('Prometheus'),
      monitoring('Alertmanager'),
      monitoring('PrometheusRule'),
      monitoring('ServiceMonitor'),
    ],
  },
  'aws-load-balancer-controller': {
    cluster: [
      CRD,
      ...CLUSTER_RBAC,
      admission('ValidatingWebhookConfiguration'),
      admission('MutatingWebhookConfiguration'),
      { group: 'networking.k8s.io', kind: 'IngressClass' },
      { group: 'elbv2.k8s.aws', kind: 'IngressClassParams' },
    ],
    namespaced: [...NAMESPACED_RBAC, apps('Deployment'), core('Service'), core('Secret'), PDB],
  },
  'metrics-server': {
    cluster: [...CLUSTER_RBAC, API_SERVICE],
    namespaced: [...NAMESPACED_RBAC, apps('Deployment'), core('Service'), PDB],
  },
  reloader: {
    cluster: [...CLUSTER_RBAC],
    namespaced: [...NAMESPACED_RBAC, apps('Deployment'), core('Service')],
  },
  'external-secrets': {
    cluster: [CRD, ...CLUSTER_RBAC, admission('ValidatingWebhookConfiguration')],
    namespaced: [...NAMESPACED_RBAC, apps('Deployment'), core('Service'), core('Secret')],
  },
};
