import { k8s } from 'cdk8s-plus-27';
import type { Construct } from 'constructs';
import { addonNamespace } from '../../platform-addons/catalog.js';
import type { EnvConfig } from '../../config/schema.js';
import { serviceAccount, namespacedRole } from '../render/identity.js';
import { imageRef } from '../render/images.js';
import { jobPodTemplate } from '../render/job-pod.js';
import { cronJob } from '../render/cron-job.js';
import { componentLabels } from '../render/labels.js';
import { BACKUP_LOCATION } from './backup.js';

const DRILL_RESOURCES = { requests: { cpu: '50m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } };

/**
 * The chaos drill: kill worker pods under load and check that lag recovers within the SLO and the ledger stays exact.
 * It may only read and delete pods in its own namespace.
 */
function renderChaosDrill(scope: Construct, config: EnvConfig): void {
  const { chaos } = config.drills;
  const sa = serviceAccount(scope, config, { component: 'chaos-drill', namespace: config.namespace, awsRole: true });
  namespacedRole(scope, 'chaos-drill', config.namespace, config.namespace, [
    { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'watch', 'delete'] },
    { apiGroups: ['apps'], resources: ['deployments'], verbs: ['get'] },
  ]);
  const pod = jobPodTemplate({
    component: 'chaos-drill',
    image: imageRef(config, 'drills'),
    args: ['chaos'],
    serviceAccountName: sa,
    needsApiToken: true,
    resources: DRILL_RESOURCES,
    env: {
      DRILL_NAMESPACE: config.namespace,
      DRILL_TARGET_SELECTOR: 'app.kubernetes.io/name=worker',
      DRILL_KILLS: String(chaos.killsPerRun),
      DRILL_LAG_RECOVERY_SECONDS: String(chaos.lagRecoverySeconds),
      KAFKA_BROKERS: config.kafka.bootstrapServers.join(','),
      KAFKA_TOPIC: config.kafka.topic.name,
      KAFKA_CONSUMER_GROUP: config.kafka.consumerGroup,
    },
  });
  cronJob(scope, config, {
    component: 'chaos-drill',
    schedule: chaos.schedule,
    suspend: chaos.suspend,
    pod,
    deadlineSeconds: chaos.lagRecoverySeconds + 600,
  });
}

/**
 * The restore drill: restore the latest Velero backup into a scratch namespace, check invariants, report RPO/RTO and
 * delete the scratch namespace. It may create restores in Velero's namespace and delete only its scratch namespace.
 */
function renderRestoreDrill(scope: Construct, config: EnvConfig): void {
  const { restore } = config.drills;
  const veleroNamespace = addonNamespace('velero');
  const sa = serviceAccount(scope, config, { component: 'restore-drill', namespace: config.namespace, awsRole: true });
  namespacedRole(scope, 'restore-drill', config.namespace, veleroNamespace, [
    { apiGroups: ['velero.io'], resources: ['backups'], verbs: ['get', 'list'] },
    { apiGroups: ['velero.io'], resources: ['restores'], verbs: ['create', 'get', 'list', 'watch', 'delete'] },
  ]);
  const labels = componentLabels('restore-drill');
  new k8s.KubeClusterRole(scope, 'restore-drill-scratch-namespace', {
    metadata: { name: `${config.namespace}-restore-drill`, labels },
    // resourceNames pins the role to the one scratch namespace: it can delete nothing else.
    rules: [
      {
        apiGroups: [''],
        resources: ['namespaces'],
        resourceNames: [restore.scratchNamespace],
        verbs: ['get', 'delete'],
      },
    ],
  });
  new k8s.KubeClusterRoleBinding(scope, 'restore-drill-scratch-namespace-binding', {
    metadata: { name: `${config.namespace}-restore-drill`, labels },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: `${config.namespace}-restore-drill` },
    subjects: [{ kind: 'ServiceAccount', name: sa, namespace: config.namespace }],
  });
  const pod = jobPodTemplate({
    component: 'restore-drill',
    image: imageRef(config, 'drills'),
    args: ['restore'],
    serviceAccountName: sa,
    needsApiToken: true,
    resources: DRILL_RESOURCES,
    env: {
      DRILL_NAMESPACE: config.namespace,
      DRILL_SCRATCH_NAMESPACE: restore.scratchNamespace,
      VELERO_NAMESPACE: veleroNamespace,
      VELERO_STORAGE_LOCATION: BACKUP_LOCATION,
      PGHOST: config.postgres.host,
      PGPORT: String(config.postgres.port),
      PGDATABASE: config.postgres.database,
    },
  });
  cronJob(scope, config, {
    component: 'restore-drill',
    schedule: restore.schedule,
    suspend: restore.suspend,
    pod,
    deadlineSeconds: 3600,
  });
}

export function renderDrills(scope: Construct, config: EnvConfig): void {
  renderChaosDrill(scope, config);
  renderRestoreDrill(scope, config);
}
