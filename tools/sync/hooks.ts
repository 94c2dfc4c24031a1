import type { SyncResultResource } from './application.js';

/** One hook of a sync, as Argo CD reports it, with its wave and when it ran. */
export interface HookRun {
  readonly object: string;
  readonly hookType: string;
  readonly phase: string;
  readonly syncPhase: string;
  readonly wave: number;
  readonly message: string;
  readonly createdAt?: string;
  readonly finishedAt?: string;
}

export interface JobTimes {
  createdAt?: string;
  finishedAt?: string;
}

interface AuditEvent {
  readonly verb?: string;
  readonly stageTimestamp?: string;
  readonly objectRef?: { resource?: string; namespace?: string; name?: string; subresource?: string };
  readonly responseStatus?: { code?: number };
}

/**
 * When each Job was created (an admitted create, or an apply that created it) and last had its status written (the Job controller marking it
 * complete), from the API server's audit log. Keyed `namespace/name`; a Job created twice (a hook re-run) keeps the
 * latest creation.
 */
export function jobTimesFromAudit(auditLog: string): Map<string, JobTimes> {
  const times = new Map<string, JobTimes>();
  for (const line of auditLog.split('\n')) {
    if (!line.includes('"jobs"')) continue;
    const event = JSON.parse(line) as AuditEvent;
    const ref = event.objectRef;
    if (ref?.resource !== 'jobs' || !ref.name || (event.responseStatus?.code ?? 0) >= 300) continue;
    const key = `${ref.namespace}/${ref.name}`;
    const entry = times.get(key) ?? {};
    // Argo CD creates with a server-side apply: a patch the server answers 201 Created.
    const created = event.verb === 'create' || (event.verb === 'patch' && event.responseStatus?.code === 201);
    if (created && !ref.subresource) {
      entry.createdAt = event.stageTimestamp;
      entry.finishedAt = undefined;
    } else if (ref.subresource === 'status') entry.finishedAt = event.stageTimestamp;
    times.set(key, entry);
  }
  return times;
}

/** Argo CD's phases in the order a sync runs them. */
const PHASES = ['PreSync', 'Sync', 'PostSync', 'SyncFail'];
const phaseOrder = (run: HookRun): number => PHASES.indexOf(run.syncPhase);

/** The hooks among a sync's results, with the wave each declares (`Kind/namespace/name` → wave) and Job timings. */
export function hookRuns(
  results: readonly SyncResultResource[],
  waves: ReadonlyMap<string, number>,
  jobTimes: ReadonlyMap<string, JobTimes>,
): HookRun[] {
  return results
    .filter((r) => r.hookType)
    .map((r) => {
      const object = [r.kind, r.namespace, r.name].filter(Boolean).join('/');
      const times = r.kind === 'Job' ? jobTimes.get(`${r.namespace}/${r.name}`) : undefined;
      return {
        object,
        hookType: r.hookType ?? '',
        phase: r.hookPhase ?? r.status ?? '',
        syncPhase: r.syncPhase ?? r.hookType ?? '',
        wave: waves.get(object) ?? 0,
        message: r.message ?? '',
        createdAt: times?.createdAt,
        finishedAt: times?.finishedAt,
      };
    })
    .sort((a, b) => phaseOrder(a) - phaseOrder(b) || a.wave - b.wave || a.object.localeCompare(b.object));
}

/**
 * Hooks that started before a hook of an earlier wave in the same phase had finished: Argo CD runs a phase's waves one
 * after another, so any such pair is a finding. Pairs whose times are unknown are not judged.
 */
export function waveOrderViolations(runs: readonly HookRun[]): string[] {
  const violations: string[] = [];
  for (const later of runs) {
    for (const earlier of runs) {
      if (earlier.syncPhase !== later.syncPhase || earlier.wave >= later.wave) continue;
      if (!earlier.finishedAt || !later.createdAt) continue;
      if (Date.parse(later.createdAt) < Date.parse(earlier.finishedAt)) {
        violations.push(
          `${later.object} (wave ${later.wave}) started at ${later.createdAt}, before ${earlier.object} (wave ${earlier.wave}) finished at ${earlier.finishedAt}`,
        );
      }
    }
  }
  return violations;
}
