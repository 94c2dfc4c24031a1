import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Application, SyncResultResource } from './application.js';
import { chartsOf, isFromRepository } from './application.js';
import { startArgoCd } from './argocd.js';
import type { ControlPlane } from './control-plane.js';
import { startControlPlane } from './control-plane.js';
import { installCrds } from './crds.js';
import type { HookRun } from './hooks.js';
import { hookRuns, jobTimesFromAudit, waveOrderViolations } from './hooks.js';
import { withFinishedJobs } from './hook-jobs.js';
import { kubectl } from './kubectl.js';
import { METRICS_CHART, startMetricsApi } from './metrics-api.js';
import { objectName, readObjects, syncWave } from './objects.js';
import type { PodSecurityViolation } from './pod-security.js';
import { podSecurityViolations } from './pod-security.js';
import { ProcessGroup } from './process-group.js';
import type { Rewrite } from './rehearsal-repo.js';
import { RehearsalRepo } from './rehearsal-repo.js';
import type { Snapshot } from './snapshot.js';
import { referencedPaths, takeSnapshot } from './snapshot.js';
import { ensureChartNamespaces } from './chart-namespaces.js';
import { applyStandIns, standInsFor } from './stand-ins.js';
import type { AppState } from './verdict.js';
import { judgeApp } from './verdict.js';
import { assertToolsInstalled } from './tools.js';

export interface RehearsalOptions {
  readonly repoRoot: string;
  readonly env: string;
  /** A revision to sync first, as the live cluster would have it before the merge. */
  readonly base?: string;
  /** The revision to sync (last); undefined for the working tree. */
  readonly head?: string;
  /** How long each side may take to settle. */
  readonly timeoutSeconds: number;
  /** Where a failed rehearsal leaves its logs. */
  readonly logsDir: string;
  /** Leave the cluster running until Ctrl-C (for a look with kubectl). */
  readonly keep?: boolean;
  readonly log: (line: string) => void;
  /** The cluster to sync into; by default a loopback control plane whose three nodes are KWOK's (no pod runs). */
  readonly cluster?: ClusterFactory;
}

/** A cluster the rehearsal syncs into, and what it adds around the sync. */
export interface RehearsalCluster {
  readonly plane: ControlPlane;
  /** One line for the log once it is up. */
  readonly description: string;
  /** Changes to the committed output this cluster needs (its stand-ins), made in the rehearsal repository's copy. */
  readonly rewrite?: (repoDir: string) => Rewrite[];
  /** Called on every poll while Argo CD syncs: writes what a cloud controller would; returns what it wrote. */
  readonly whileSyncing?: () => Promise<string[]>;
  /** Run once the head has settled; its failures are the head side's. */
  readonly afterSync?: () => Promise<{ failures: string[]; notes: string[] }>;
  /** When the head failed: what the cluster can say of the cause (containers that exit, probes that fail). */
  readonly diagnose?: () => Promise<string[]>;
  /** Stops what the cluster started beyond the process group (run before the group stops). */
  readonly stop?: () => Promise<void>;
}

export type ClusterFactory = (
  dir: string,
  group: ProcessGroup,
  log: (line: string) => void,
) => Promise<RehearsalCluster>;

/** The sync rehearsal's own cluster: a loopback control plane with three KWOK nodes. */
const kwokCluster: ClusterFactory = async (dir, group, log) => ({
  plane: await startControlPlane(dir, group, log),
  description: 'control plane ready: 3 fake nodes (KWOK)',
});

export interface AppResult {
  readonly name: string;
  readonly source: 'repository' | 'chart';
  readonly sync: string;
  readonly health: string;
  readonly verdict: AppState['state'];
  readonly detail: string;
}

export interface SideResult {
  readonly label: string;
  readonly passed: boolean;
  readonly seconds: number;
  readonly apps: AppResult[];
  readonly hooks: HookRun[];
  readonly failures: string[];
  readonly podSecurity: PodSecurityViolation[];
  readonly standIns: string[];
  readonly rewrites: Rewrite[];
  /** What passed but deserves a look: a sync that succeeded only on a retry. */
  readonly notes: string[];
}

export interface EnvResult {
  readonly env: string;
  readonly passed: boolean;
  readonly seconds: number;
  readonly sides: SideResult[];
  readonly notes: string[];
  readonly crds: string[];
  /** Set when the rehearsal failed: the folder with every process's log. */
  readonly logs?: string;
}

/** How long a failure that may clear on its own (a comparison error, a Degraded resource) may last before it counts. */
const LASTING_AFTER_MS = 60_000;
const POLL_MS = 1000;
/** How long every Application must stay Synced and Healthy once all are: long enough for a few comparisons. */
const STEADY_MS = 15_000;
/** Self-heal re-applies of one resource tolerated at one revision (see settle). */
const MAX_SELF_HEALS = 1;
const SYMBOL: Record<AppState['state'], string> = { pending: '…', passed: '✓', retrying: '↻', failed: '✗' };

function appsPath(namespace: string): string {
  return `/apis/argoproj.io/v1alpha1/namespaces/${namespace}/applications`;
}

/** Every object the side's Applications sync from this repository, by `Kind/namespace/name`, with its sync wave. */
function wavesOf(snapshot: Snapshot): Map<string, number> {
  const waves = new Map<string, number>();
  for (const p of referencedPaths(snapshot.argocdObjects, snapshot.repoURL)) {
    for (const o of readObjects(path.join(snapshot.dir, p))) waves.set(objectName(o), syncWave(o));
  }
  return waves;
}

interface SettleContext {
  readonly plane: ControlPlane;
  readonly cluster: RehearsalCluster;
  readonly group: ProcessGroup;
  readonly namespace: string;
  readonly repoURL: string;
  readonly revision: string;
  readonly expected: string[];
  readonly charts: ReadonlySet<string>;
  readonly timeoutSeconds: number;
  readonly log: (line: string) => void;
}

interface Settled {
  readonly apps: Map<string, Application>;
  readonly states: Map<string, AppState>;
  readonly failures: string[];
  readonly podSecurity: PodSecurityViolation[];
  readonly standIns: string[];
  /** The hooks of every sync operation at this revision, latest result per hook. */
  readonly hookResults: SyncResultResource[];
  /** Applications whose sync was retried, with the failure of the first attempt. */
  readonly retried: Map<string, string>;
}

/**
 * Polls the Applications until each expected one passed and stayed so for STEADY_MS (an Application that flaps between
 * Synced and OutOfSync, or that Argo CD syncs again at the same revision, is a finding), one failed for good, or time
 * ran out.
 */
async function settle(ctx: SettleContext): Promise<Settled> {
  const standIns = standInsFor(ctx.charts);
  const written: string[] = [];
  const allWritten: string[] = [];
  const failingSince = new Map<string, number>();
  const lastLine = new Map<string, string>();
  const triggered = new Set<string>();
  const fullSyncs = new Map<string, Map<string, string[]>>();
  const selfHealed = new Map<string, Set<string>>();
  const hookResults = new Map<string, SyncResultResource>();
  const retried = new Map<string, string>();
  const retriesWhenSettled = new Map<string, number>();
  const deadline = Date.now() + ctx.timeoutSeconds * 1000;
  let passedSince: number | undefined;
  for (;;) {
    ctx.group.assertRunning();
    const list = await ctx.plane.client.get<{ items: Application[] }>(appsPath(ctx.namespace));
    const apps = new Map(list.items.map((a) => [a.metadata.name, a]));
    written.push(...(await ensureChartNamespaces(ctx.plane.client, [...apps.values()], ctx.repoURL)));
    written.push(...((await ctx.cluster.whileSyncing?.()) ?? []));
    for (const app of apps.values()) {
      if (!isFromRepository(app, ctx.repoURL)) continue;
      written.push(...(await applyStandIns(ctx.plane.client, standIns, app.status?.resources ?? [])));
      const op = app.status?.operationState;
      if (op?.startedAt && op.syncResult?.revision === ctx.revision) {
        const partial = op.operation?.sync?.resources ?? [];
        if (partial.length === 0) {
          // A follow-up full sync that changed nothing (every result `unchanged`) is Argo CD re-checking a child
          // Application mid-operation, not a difference that came back; hooks run on every full sync whatever
          // changed, so only the resources themselves tell a drift.
          const changed = (op.syncResult.resources ?? [])
            .filter((r) => !r.hookType && !/ unchanged$/.test(r.message ?? ''))
            .map((r) => `${r.kind}/${r.namespace ?? ''}/${r.name}: ${r.message ?? ''}`);
          const seen = fullSyncs.get(app.metadata.name) ?? new Map<string, string[]>();
          fullSyncs.set(app.metadata.name, seen.set(op.startedAt, changed));
          for (const r of op.syncResult.resources ?? []) {
            if (r.hookType) hookResults.set(`${app.metadata.name} ${r.kind}/${r.namespace}/${r.name}`, r);
          }
        }
        // A partial sync (self-heal) names the resources it re-applies, and runs no hooks.
        for (const r of partial) {
          const key = `${app.metadata.name}: ${r.kind}/${r.name}`;
          const seen = selfHealed.get(key) ?? new Set<string>();
          if (!seen.has(op.startedAt)) ctx.log(`${key} re-applied by Argo CD's self-heal (${op.startedAt})`);
          selfHealed.set(key, seen.add(op.startedAt));
        }
      }
      // An Application without automated sync waits for an operator: the rehearsal syncs it, once per revision.
      const manual = !app.spec.syncPolicy?.automated;
      if (manual && app.status?.sync?.status === 'OutOfSync' && !app.operation && !triggered.has(app.metadata.name)) {
        triggered.add(app.metadata.name);
        await ctx.plane.client.patch(`${appsPath(ctx.namespace)}/${app.metadata.name}`, {
          operation: { initiatedBy: { username: 'sync-check' }, sync: { revision: ctx.revision } },
        });
        ctx.log(`${app.metadata.name}: no automated sync; syncing it as an operator would`);
      }
    }
    for (const w of written.splice(0)) {
      ctx.log(`stand-in: ${w}`);
      allWritten.push(w);
    }
    const states = new Map(
      ctx.expected.map((name) => {
        const app = apps.get(name);
        const state: AppState = app
          ? judgeApp(app, ctx.repoURL, ctx.revision)
          : { state: 'pending', detail: 'not created yet' };
        return [name, state];
      }),
    );
    const failures: string[] = [];
    for (const [name, state] of states) {
      const line = `${SYMBOL[state.state]} ${state.detail}`;
      if (lastLine.get(name) !== line) ctx.log(`${name}: ${line}`);
      lastLine.set(name, line);
      if (state.state !== 'failed') failingSince.delete(name);
      else if (state.lasting || Date.now() - (failingSince.get(name) ?? Date.now()) >= LASTING_AFTER_MS) {
        failures.push(`${name}: ${state.detail}`);
      } else if (!failingSince.has(name)) failingSince.set(name, Date.now());
      if (passedSince !== undefined && state.state !== 'passed') {
        failures.push(`${name}: did not stay Synced and Healthy: ${state.detail}`);
      }
      if (state.state === 'retrying') {
        if (!retried.has(name)) retried.set(name, state.detail);
        // Once everything else has settled, one more retry may still succeed (what it waited for just arrived);
        // a retry that starts after that and fails again can only be this Application's own problem.
        const retryCount = apps.get(name)?.status?.operationState?.retryCount ?? 0;
        const othersSettled = [...states].every(([other, s]) => other === name || s.state === 'passed');
        if (!othersSettled) retriesWhenSettled.delete(name);
        else if (!retriesWhenSettled.has(name)) retriesWhenSettled.set(name, retryCount);
        else if (retryCount > retriesWhenSettled.get(name)! + 1) failures.push(`${name}: ${state.detail}`);
      }
    }
    for (const [name, started] of fullSyncs) {
      const changing = [...started].filter(([, changed]) => changed.length > 0);
      if (changing.length > 1) {
        const last = changing.at(-1)!;
        failures.push(
          `${name}: synced ${changing.length} times at the same revision (something it applies does not stay as applied); the sync started ${last[0]} changed ${last[1].slice(0, 5).join('; ')}`,
        );
      }
    }
    // Argo CD may re-apply a resource once right after a sync, from a comparison made while the sync ran (seen: an
    // ExternalSecret the sync was creating, still missing in that comparison, re-applied by self-heal in the same
    // second); a resource it has to re-apply again does not stay as applied (the server or a controller changes it back).
    for (const [resource, started] of selfHealed) {
      if (started.size > MAX_SELF_HEALS) {
        failures.push(`${resource} re-applied ${started.size} times at the same revision: it does not stay as applied`);
      }
    }
    const podSecurity = podSecurityViolations(
      fs.existsSync(ctx.plane.auditLog) ? fs.readFileSync(ctx.plane.auditLog, 'utf8') : '',
    );
    failures.push(...podSecurity.map((v) => `PodSecurity: ${v.object}: ${v.message}`));
    const allPassed = [...states.values()].every((s) => s.state === 'passed');
    if (allPassed && passedSince === undefined) passedSince = Date.now();
    const result = {
      apps,
      states,
      podSecurity,
      standIns: allWritten,
      hookResults: [...hookResults.values()],
      retried,
    };
    if (failures.length > 0 || (passedSince !== undefined && Date.now() - passedSince >= STEADY_MS)) {
      return { ...result, failures };
    }
    if (Date.now() > deadline) {
      const waiting = [...states].filter(([, s]) => s.state !== 'passed').map(([n, s]) => `${n}: ${s.detail}`);
      return { ...result, failures: [`not settled in ${ctx.timeoutSeconds} s: ${waiting.join('; ')}`] };
    }
    await sleep(POLL_MS);
  }
}

async function syncSide(
  ctx: Omit<SettleContext, 'revision' | 'expected'>,
  repo: RehearsalRepo,
  snapshot: Snapshot,
  env: string,
  first: boolean,
): Promise<SideResult> {
  const started = Date.now();
  const bootstrapWarnings: string[] = [];
  const { sha, rewrites } = repo.commit(snapshot, env, ctx.cluster.rewrite);
  ctx.log(`${snapshot.label} committed to the rehearsal repository as ${sha.slice(0, 8)}`);
  const argocdDir = path.join(repo.dir, 'argocd', env);
  if (first) {
    // The bootstrap: the environment's Argo CD objects, projects first so the Applications find theirs.
    const files = fs
      .readdirSync(argocdDir)
      .sort((a, b) => Number(b.startsWith('appproject')) - Number(a.startsWith('appproject')));
    for (const file of files) {
      const { stderr } = await kubectl(ctx.plane.kubeconfig, ['apply', '-f', path.join(argocdDir, file)]);
      // The API server's warnings on the bootstrap objects are findings like any other.
      for (const warning of stderr.split('\n').filter((l) => l.startsWith('Warning:'))) {
        bootstrapWarnings.push(`argocd/${env}/${file}: ${warning}`);
      }
    }
    ctx.log(`applied ${files.length} Argo CD objects from argocd/${env}/`);
  } else {
    const list = await ctx.plane.client.get<{ items: Application[] }>(appsPath(ctx.namespace));
    for (const app of list.items) {
      await ctx.plane.client.patch(`${appsPath(ctx.namespace)}/${app.metadata.name}`, {
        metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } },
      });
    }
  }
  const expected = snapshot.argocdObjects.filter((o) => o.kind === 'Application').map((o) => o.metadata.name);
  const settled = await settle({ ...ctx, revision: sha, expected });
  const auditLog = fs.existsSync(ctx.plane.auditLog) ? fs.readFileSync(ctx.plane.auditLog, 'utf8') : '';
  const jobTimes = jobTimesFromAudit(auditLog);
  const waves = wavesOf(snapshot);
  const hooks = hookRuns(await withFinishedJobs(ctx.plane.client, settled.hookResults), waves, jobTimes);
  const apps: AppResult[] = expected.map((name) => {
    const app = settled.apps.get(name);
    const state = settled.states.get(name) ?? { state: 'pending', detail: 'not created' };
    // Told apart by the committed object, which exists even when Argo CD has not created the Application.
    const committed = snapshot.argocdObjects.find((o) => o.kind === 'Application' && o.metadata.name === name);
    const fromRepo = chartsOf(committed as unknown as Application).length === 0;
    return {
      name,
      source: fromRepo ? 'repository' : 'chart',
      sync: app?.status?.sync?.status ?? 'Unknown',
      health: app?.status?.health?.status ?? 'Unknown',
      verdict: state.state,
      detail: state.detail,
    };
  });
  const failures = [
    ...bootstrapWarnings,
    ...settled.failures,
    ...waveOrderViolations(hooks).map((v) => `hook order: ${v}`),
  ];
  for (const h of hooks) if (h.phase !== 'Succeeded') failures.push(`hook ${h.object}: ${h.phase} ${h.message}`);
  return {
    label: snapshot.label,
    passed: failures.length === 0,
    seconds: (Date.now() - started) / 1000,
    apps,
    hooks,
    failures: [...new Set(failures)],
    podSecurity: settled.podSecurity,
    standIns: settled.standIns,
    rewrites,
    notes: [...settled.retried]
      .filter(([name]) => settled.states.get(name)?.state === 'passed')
      .map(([name, first]) => `${name} succeeded on a retry; the first attempt: ${first}`),
  };
}

/**
 * Rehearses the sync of one environment on a fresh loopback cluster: the base revision's committed output first (when
 * given), then the head's, each committed to a rehearsal repository that Argo CD follows. Always stops what it started.
 */
export async function rehearse(options: RehearsalOptions): Promise<EnvResult> {
  assertToolsInstalled();
  const started = Date.now();
  const log = (line: string): void =>
    options.log(`[${options.env}] ${((Date.now() - started) / 1000).toFixed(1).padStart(5)}s ${line}`);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `sync-check-${options.env}-`));
  const group = new ProcessGroup(path.join(dir, 'logs'));
  const notes: string[] = [];
  const sides: SideResult[] = [];
  let crds: string[] = [];
  let stopMetrics: (() => Promise<void>) | undefined;
  let cluster: RehearsalCluster | undefined;
  let failure: string | undefined;
  let sideCount = 0;
  try {
    const snapshots: Snapshot[] = [];
    if (options.base !== undefined) {
      const base = takeSnapshot(options.repoRoot, options.env, options.base, path.join(dir, 'base'));
      if (base) snapshots.push(base);
      else notes.push(`${options.env} does not exist at ${options.base}: only the head is synced`);
    }
    const head = takeSnapshot(options.repoRoot, options.env, options.head, path.join(dir, 'head'));
    if (!head)
      throw new Error(
        `no environment ${options.env} (argocd/${options.env}/ and environments/${options.env}/env.yaml)`,
      );
    snapshots.push(head);
    sideCount = snapshots.length;
    const namespace = head.argocdObjects.find((o) => o.kind === 'Application')?.metadata.namespace ?? 'argocd';
    const charts = new Set(
      snapshots.flatMap((s) =>
        s.argocdObjects.filter((o) => o.kind === 'Application').flatMap((o) => chartsOf(o as unknown as Application)),
      ),
    );

    cluster = await (options.cluster ?? kwokCluster)(dir, group, log);
    const plane = cluster.plane;
    log(cluster.description);
    crds = await installCrds(plane.kubeconfig);
    log(`installed CRDs: ${crds.join(', ')}`);
    if (charts.has(METRICS_CHART)) {
      stopMetrics = (await startMetricsApi(plane)).stop;
      log('stand-in: metrics.k8s.io served in place of metrics-server (each pod using half its requests)');
    }
    await startArgoCd(dir, namespace, plane, group, log);
    const repo = new RehearsalRepo(path.join(dir, 'repo'));
    for (const [i, snapshot] of snapshots.entries()) {
      log(`syncing ${snapshot.label}`);
      const side = await syncSide(
        { plane, cluster, group, namespace, repoURL: repo.url, charts, timeoutSeconds: options.timeoutSeconds, log },
        repo,
        snapshot,
        options.env,
        i === 0,
      );
      sides.push(side);
    }
    const headSide = sides.at(-1);
    if (cluster.diagnose && headSide && !headSide.passed) {
      const causes = await cluster.diagnose();
      sides[sides.length - 1] = { ...headSide, failures: [...headSide.failures, ...causes] };
    } else if (cluster.afterSync && headSide?.passed) {
      const after = await cluster.afterSync();
      sides[sides.length - 1] = {
        ...headSide,
        passed: after.failures.length === 0,
        failures: [...headSide.failures, ...after.failures],
        notes: [...headSide.notes, ...after.notes],
      };
    }
    if (options.keep) {
      log(`kept running: export KUBECONFIG=${plane.kubeconfig}  (Ctrl-C stops it and exits)`);
      await new Promise(() => undefined);
    }
  } catch (error) {
    failure = error instanceof Error ? error.message : String(error);
    log(`error: ${failure}`);
  } finally {
    await stopMetrics?.();
    await cluster?.stop?.().catch((error: unknown) => log(`error while stopping the cluster: ${String(error)}`));
    await group.stopAll();
  }
  // The verdict is the head's: a base that does not settle (a problem already merged) is reported, not held against it.
  const passed = failure === undefined && sides.length === sideCount && sides.at(-1)?.passed === true;
  if (failure) notes.push(`error: ${failure}`);
  let logs: string | undefined;
  if (!passed) {
    logs = path.join(options.logsDir, options.env);
    fs.rmSync(logs, { recursive: true, force: true });
    fs.mkdirSync(path.dirname(logs), { recursive: true });
    fs.cpSync(path.join(dir, 'logs'), logs, { recursive: true });
    if (fs.existsSync(path.join(dir, 'audit.log')))
      fs.copyFileSync(path.join(dir, 'audit.log'), path.join(logs, 'audit.log'));
  }
  fs.rmSync(dir, { recursive: true, force: true });
  return { env: options.env, passed, seconds: (Date.now() - started) / 1000, sides, notes, crds, logs };
}
