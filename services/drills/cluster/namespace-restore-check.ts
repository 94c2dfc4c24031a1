import type { RestoreCheck } from '../restore/checks.js';
import type { Say } from '../runner/progress.js';
import { sleep } from '../runner/progress.js';
import type { KubeClient, KubeList } from './kube-client.js';
import type { RestoreClusterSettings } from './settings.js';
import type { VeleroBackup, VeleroRestore } from './velero-restore.js';
import {
  COMPARED_KINDS,
  FINISHED_PHASES,
  latestBackup,
  missingObjects,
  namespaceObjects,
  restoreObject,
} from './velero-restore.js';

async function removeNamespace(kube: KubeClient, name: string, say: Say): Promise<void> {
  if (!(await kube.find(`/api/v1/namespaces/${name}`))) return;
  say(`deleting namespace ${name}`);
  await kube.delete(`/api/v1/namespaces/${name}`).catch(() => undefined);
  const deadline = Date.now() + 10 * 60_000;
  while (await kube.find(`/api/v1/namespaces/${name}`)) {
    if (Date.now() > deadline) throw new Error(`namespace ${name} is still there after 10 minutes`);
    await sleep(5000);
  }
}

/**
 * The namespace half of the restore drill: Velero restores the newest backup of the environment's namespace into the
 * scratch namespace, workloads at zero replicas and nothing that would act on production (velero-restore.ts), the
 * drill compares the objects with the live namespace and checks that nothing runs, and the scratch namespace is
 * deleted whatever the outcome.
 */
export async function namespaceRestoreChecks(
  kube: KubeClient,
  s: RestoreClusterSettings,
  say: Say,
): Promise<RestoreCheck[]> {
  const velero = `/apis/velero.io/v1/namespaces/${s.veleroNamespace}`;
  const backup = latestBackup((await kube.get<KubeList<VeleroBackup>>(`${velero}/backups`)).items, s.veleroSchedules);
  if (!backup)
    return [
      {
        name: 'namespace backup (Velero)',
        source: `a completed backup of schedule ${s.veleroSchedules.join(' or ')}`,
        restored: 'none found',
        ok: false,
      },
    ];
  const completedAt = new Date(backup.status!.completionTimestamp!);
  const ageSeconds = Math.round((Date.now() - completedAt.getTime()) / 1000);
  await removeNamespace(kube, s.scratchNamespace, say);

  const name = `${s.namespace}-drill-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}`.slice(0, 63);
  const started = Date.now();
  await kube.post(
    `${velero}/restores`,
    restoreObject({
      name,
      veleroNamespace: s.veleroNamespace,
      backup: backup.metadata.name,
      namespace: s.namespace,
      scratchNamespace: s.scratchNamespace,
      modifiers: s.restoreModifiers,
    }),
  );
  say(`Velero restores backup ${backup.metadata.name} (${ageSeconds} s old) into ${s.scratchNamespace} as ${name}`);
  try {
    let restore: VeleroRestore;
    for (;;) {
      restore = await kube.get<VeleroRestore>(`${velero}/restores/${name}`);
      if (FINISHED_PHASES.has(restore.status?.phase ?? '')) break;
      if (Date.now() - started > 20 * 60_000) throw new Error(`Velero restore ${name} did not finish in 20 minutes`);
      await sleep(5000);
    }
    const seconds = Math.round((Date.now() - started) / 1000);
    const live = await namespaceObjects(kube, s.namespace, new Date(backup.status!.startTimestamp ?? completedAt));
    const restored = await namespaceObjects(kube, s.scratchNamespace);
    const missing = missingObjects(live, restored);
    const expected = [...live.names.values()].reduce((n, names) => n + names.size, 0);
    const { phase, errors = 0, warnings = 0 } = restore.status!;
    return [
      {
        name: 'namespace restore (Velero)',
        source: `backup ${backup.metadata.name}, completed ${completedAt.toISOString()} (${ageSeconds} s before)`,
        restored: `${phase}, ${errors} errors, ${warnings} warnings, in ${seconds} s`,
        ok: phase === 'Completed' && errors === 0,
      },
      {
        name: `restored objects (${COMPARED_KINDS.map((k) => k.kind).join(', ')})`,
        source: `${expected} in ${s.namespace}`,
        restored: missing.length === 0 ? `${expected} in ${s.scratchNamespace}` : `missing ${missing.join(', ')}`,
        ok: missing.length === 0,
      },
      {
        name: 'nothing runs in the scratch namespace',
        source: '0 pods, 0 replicas, 0 active CronJobs',
        restored: `${restored.runningPods} pods, ${restored.replicas} replicas, ${restored.activeCronJobs} active CronJobs`,
        ok: restored.runningPods === 0 && restored.replicas === 0 && restored.activeCronJobs === 0,
      },
    ];
  } finally {
    await removeNamespace(kube, s.scratchNamespace, say);
  }
}
