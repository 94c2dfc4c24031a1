import type { Application, SyncResultResource } from './application.js';
import { isFromRepository } from './application.js';

/** How one Application stands, as Argo CD reports it, against the revision the rehearsal expects. */
export type AppState =
  | { readonly state: 'pending'; readonly detail: string }
  | { readonly state: 'passed'; readonly detail: string }
  /**
   * A sync attempt failed for a reason that another Application's sync may still remove (a kind its AppProject does
   * not permit yet, a namespace not created yet) and Argo CD retries it: a failure once nothing else is changing.
   */
  | { readonly state: 'retrying'; readonly detail: string }
  /** `lasting`: the failure may clear on its own (a comparison error, a Degraded resource) and counts only if it stays. */
  | { readonly state: 'failed'; readonly detail: string; readonly lasting: boolean };

const ERROR_CONDITION = /Error$/;
/** How the API server words a refused write: `Job.batch "smoke" is invalid: ...`, `pods "x" is forbidden: ...`. */
const SERVER_REFUSAL = / is (invalid|forbidden): /;
/** Progress lines name at most this many resources. */
const MAX_LISTED = 4;

function resourceName(r: { kind: string; namespace?: string; name: string }): string {
  return [r.kind, r.namespace, r.name].filter(Boolean).join('/');
}

/** The resources of the last sync attempt that the server or Argo CD refused, with their own messages. */
export function failedResults(app: Application): SyncResultResource[] {
  return (app.status?.operationState?.syncResult?.resources ?? []).filter(
    (r) => r.status === 'SyncFailed' || r.hookPhase === 'Failed' || r.hookPhase === 'Error',
  );
}

function describeFailures(app: Application): string {
  const op = app.status?.operationState;
  const failures = failedResults(app).map((r) => `${resourceName(r)}: ${r.message ?? r.status ?? ''}`);
  return failures.length > 0 ? failures.join('; ') : (op?.message ?? 'sync failed');
}

/**
 * Judges an Application of this repository: passed when Argo CD reports it Synced to `revision` and Healthy with its
 * last operation Succeeded; failed as soon as a sync attempt fails (a first sync must succeed on the first try, so a
 * retry is a failure too); pending otherwise.
 */
export function judgeRepositoryApp(app: Application, revision: string): AppState {
  const status = app.status ?? {};
  const op = status.operationState;
  const errors = (status.conditions ?? []).filter((c) => ERROR_CONDITION.test(c.type));
  if (op && (op.phase === 'Failed' || op.phase === 'Error')) {
    return { state: 'failed', detail: `sync ${op.phase.toLowerCase()}: ${describeFailures(app)}`, lasting: true };
  }
  if (op?.phase === 'Running' && ((op.retryCount ?? 0) > 0 || failedResults(app).length > 0)) {
    const detail = `sync attempt failed: ${describeFailures(app)}`;
    // The API server refusing the object itself (invalid, immutable, forbidden) will refuse it again on every retry.
    const refused = failedResults(app).some((r) => SERVER_REFUSAL.test(r.message ?? ''));
    return refused ? { state: 'failed', detail, lasting: true } : { state: 'retrying', detail };
  }
  if (errors.length > 0) {
    // A refusal by the API server (e.g. from a server-side diff's dry run) does not clear on its own; a repo server
    // that is still starting does.
    const refused = errors.some((c) => SERVER_REFUSAL.test(c.message));
    return { state: 'failed', detail: errors.map((c) => `${c.type}: ${c.message}`).join('; '), lasting: refused };
  }
  const sync = status.sync?.status ?? 'Unknown';
  const health = status.health?.status ?? 'Unknown';
  const synced =
    sync === 'Synced' && (status.sync?.revision === revision || status.sync?.revisions?.includes(revision));
  // An earlier revision's Succeeded operation is fine: an Application the new revision does not change needs none.
  const settled = !op || op.phase === 'Succeeded';
  if (synced && settled && health === 'Healthy') return { state: 'passed', detail: 'Synced and Healthy' };
  const resources = status.resources ?? [];
  const outOfSync = resources
    .filter((r) => r.status && r.status !== 'Synced' && r.health?.status !== 'Missing')
    .map((r) => `${resourceName(r)} ${r.status}`);
  const unhealthy = resources
    .filter((r) => r.health?.status && r.health.status !== 'Healthy' && r.health.status !== 'Missing')
    .map((r) => `${resourceName(r)} ${r.health?.status}${r.health?.message ? ` (${r.health.message})` : ''}`);
  const missing = resources.filter((r) => r.health?.status === 'Missing').length;
  const notes = [...outOfSync, ...unhealthy];
  const listed =
    notes.length > MAX_LISTED ? [...notes.slice(0, MAX_LISTED), `${notes.length - MAX_LISTED} more`] : notes;
  const detail = [
    `${sync}/${health}${op?.phase ? `, operation ${op.phase}` : ''}${missing ? `, ${missing} resources not created yet` : ''}`,
    ...listed,
  ].join('; ');
  // Neither clears by itself for long: Degraded may after a rollout; Suspended (a suspended Job) never does.
  if (health === 'Degraded' || health === 'Suspended') return { state: 'failed', detail, lasting: false };
  return { state: 'pending', detail };
}

/**
 * Judges an Application whose chart cannot be fetched offline: passed once Argo CD has admitted it under its project
 * (it got as far as fetching the chart), failed when the project refuses it (InvalidSpecError).
 */
export function judgeChartApp(app: Application): AppState {
  const conditions = app.status?.conditions ?? [];
  const refused = conditions.filter((c) => c.type === 'InvalidSpecError');
  if (refused.length > 0) {
    // Not lasting: right after the bootstrap the controller may not have seen the AppProject yet.
    return { state: 'failed', detail: `not admitted: ${refused.map((c) => c.message).join('; ')}`, lasting: false };
  }
  if (conditions.some((c) => c.type === 'ComparisonError') || app.status?.sync?.status) {
    return { state: 'passed', detail: 'admitted by its project; chart not synced (offline)' };
  }
  return { state: 'pending', detail: 'not compared yet' };
}

export function judgeApp(app: Application, repoURL: string, revision: string): AppState {
  return isFromRepository(app, repoURL) ? judgeRepositoryApp(app, revision) : judgeChartApp(app);
}
