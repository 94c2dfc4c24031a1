import { describe, expect, it } from 'vitest';
import type { NamespaceObjects, VeleroBackup } from './velero-restore.js';
import { EXCLUDED_RESOURCES, latestBackup, missingObjects, restoreObject } from './velero-restore.js';

const backup = (name: string, schedule: string, phase: string, completed: string): VeleroBackup => ({
  metadata: { name, labels: { 'velero.io/schedule-name': schedule } },
  status: { phase, completionTimestamp: completed },
});

describe('the namespace restore', () => {
  it('takes the newest completed backup of the environment own schedules', () => {
    const backups = [
      backup('hourly-1', 'events-prod-hourly', 'Completed', '2026-11-01T10:15:00Z'),
      backup('hourly-2', 'events-prod-hourly', 'PartiallyFailed', '2026-11-01T11:15:00Z'),
      backup('daily-1', 'events-prod-daily', 'Completed', '2026-11-01T03:00:00Z'),
      backup('other-1', 'someone-else', 'Completed', '2026-11-01T11:30:00Z'),
    ];
    expect(latestBackup(backups, ['events-prod-hourly', 'events-prod-daily'])?.metadata.name).toBe('hourly-1');
    expect(latestBackup(backups, ['events-dev-hourly'])).toBeUndefined();
  });

  it('maps the live namespace to the scratch one, through the modifiers, leaving out what would act on production', () => {
    const restore = restoreObject({
      name: 'r',
      veleroNamespace: 'velero',
      backup: 'hourly-1',
      namespace: 'events-prod',
      scratchNamespace: 'events-prod-restore-drill',
      modifiers: 'restore-drill-modifiers',
    }) as { spec: Record<string, unknown> };
    expect(restore.spec.includedNamespaces).toStrictEqual(['events-prod']);
    expect(restore.spec.namespaceMapping).toStrictEqual({ 'events-prod': 'events-prod-restore-drill' });
    expect(restore.spec.resourceModifier).toStrictEqual({ kind: 'ConfigMap', name: 'restore-drill-modifiers' });
    for (const dangerous of [
      'pods',
      'scaledobjects.keda.sh',
      'horizontalpodautoscalers.autoscaling',
      'ingresses.networking.k8s.io',
      'secrets',
    ])
      expect(EXCLUDED_RESOURCES).toContain(dangerous);
  });

  it('names every live object the restored copy lacks', () => {
    const objects = (deployments: string[]): NamespaceObjects => ({
      names: new Map([
        ['Deployment', new Set(deployments)],
        ['Service', new Set(['api'])],
      ]),
      runningPods: 0,
      replicas: 0,
      activeCronJobs: 0,
    });
    expect(missingObjects(objects(['api', 'worker']), objects(['api']))).toStrictEqual(['Deployment/worker']);
    expect(missingObjects(objects(['api']), objects(['api', 'extra']))).toStrictEqual([]);
  });
});
