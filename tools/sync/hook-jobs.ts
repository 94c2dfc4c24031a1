import type { KubeClient } from '../../services/drills/cluster/kube-client.js';
import type { SyncResultResource } from './application.js';

interface JobStatus {
  readonly status?: { conditions?: readonly { type: string; status: string; message?: string }[] };
}

const UNFINISHED = new Set(['Running', 'Pending', '']);

/**
 * A hook result as its Job finally stood. Argo CD can replace an Application's operation state with the next
 * operation (a follow-up sync at the same revision) within a second of the hook finishing, so the last result the
 * rehearsal saw may still say Running. The Job itself (kept until the next run by BeforeHookCreation) tells how it
 * ended: Complete or Failed, as the Job controller decided. Pure.
 */
export function settledByJob(result: SyncResultResource, job: JobStatus | undefined): SyncResultResource {
  if (result.kind !== 'Job' || !UNFINISHED.has(result.hookPhase ?? '') || !job) return result;
  const condition = (job.status?.conditions ?? []).find(
    (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
  );
  if (!condition) return result;
  return {
    ...result,
    hookPhase: condition.type === 'Complete' ? 'Succeeded' : 'Failed',
    message: `${condition.type} (the Job's own condition; Argo CD's next operation replaced this one's report)${condition.message ? `: ${condition.message}` : ''}`,
  };
}

/** Each unfinished Job hook result, settled by the Job in the cluster when it has ended. */
export async function withFinishedJobs(
  client: KubeClient,
  results: readonly SyncResultResource[],
): Promise<SyncResultResource[]> {
  return Promise.all(
    results.map(async (r) => {
      if (r.kind !== 'Job' || !UNFINISHED.has(r.hookPhase ?? '') || !r.namespace) return r;
      const job = await client.find<JobStatus>(`/apis/batch/v1/namespaces/${r.namespace}/jobs/${r.name}`);
      return settledByJob(r, job);
    }),
  );
}
