import fs from 'node:fs';
import path from 'node:path';
import type { KubeList } from '../../services/drills/cluster/kube-client.js';
import { loadEnvironment } from '../../config/load.js';
import { cacheDir } from '../../policies/schemas/build.js';
import { buildImages } from '../images/build.js';
import type { BuiltImage } from '../images/build.js';
import { loadStackSettings } from '../stack/stack.js';
import type { EnvResult } from '../sync/rehearse.js';
import { rehearse } from '../sync/rehearse.js';
import type { JobRun } from './cron-jobs.js';
import { runCronJob, withArgs } from './cron-jobs.js';
import type { DeployContext, NodeTimings } from './deploy-cluster.js';
import { deployCluster } from './deploy-cluster.js';
import type { Pod } from './pod-diagnosis.js';
import { diagnosePods, keepPodLogs } from './pod-diagnosis.js';
import type { AccessCheck } from './restore-drill-access.js';
import { checkRestoreDrillAccess, restoreDrillRequests } from './restore-drill-access.js';
import { makeStandInCa } from './stand-in-ca.js';

export interface DeployCheckOptions {
  readonly repoRoot: string;
  readonly env: string;
  readonly timeoutSeconds: number;
  /** The chaos drill's duration, when a shorter run than the schedule's is wanted (CI). */
  readonly chaosSeconds?: number;
  readonly reportDir: string;
  readonly keep?: boolean;
  readonly log: (line: string) => void;
}

export interface PodStart {
  readonly pod: string;
  readonly startedSeconds: number;
  readonly readySeconds?: number;
}

export interface DeployCheckReport {
  readonly env: string;
  readonly passed: boolean;
  readonly seconds: number;
  readonly images: Omit<BuiltImage, 'archive'>[];
  readonly timings: NodeTimings;
  readonly pods: PodStart[];
  readonly jobs: JobRun[];
  readonly restoreDrillAccess: AccessCheck[];
  readonly standIns: string[];
  readonly sync: EnvResult;
  readonly failures: string[];
  readonly notes: string[];
}

interface CronJobEnv {
  spec: {
    jobTemplate: { spec: { template: { spec: { containers: { env?: { name: string; value?: string }[] }[] } } } };
  };
}

/** How long each workload's pods took from creation to start and to Ready, read from their conditions. */
function podStarts(pods: Pod[]): PodStart[] {
  const at = (p: Pod, type: string): number | undefined => {
    const c = p.status?.conditions?.find((x) => x.type === type && x.status === 'True');
    return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
  };
  return pods
    .filter((p) => !p.metadata.labels?.['job-name'])
    .map((p) => {
      const created = Date.parse(p.metadata.creationTimestamp ?? '');
      const started = p.status?.startTime ? Date.parse(p.status.startTime) : created;
      const ready = at(p, 'Ready');
      return {
        pod: p.metadata.name,
        startedSeconds: (started - created) / 1000,
        readySeconds: ready === undefined ? undefined : (ready - created) / 1000,
      };
    });
}

/**
 * `npm run deploy:check`: the environment's images built from images/Dockerfile, its render synced by Argo CD onto a
 * real node, and then what runs there: the bootstrap hook, the API and the worker through their own probes, the load
 * test and the chaos drill as Jobs from their rendered CronJobs, the restore drill's access through its rendered Role.
 */
export async function deployCheck(options: DeployCheckOptions): Promise<DeployCheckReport> {
  const started = Date.now();
  const { config } = loadEnvironment(options.repoRoot, options.env);
  const stack = loadStackSettings();
  const log = options.log;
  const ca = makeStandInCa(path.join(cacheDir, 'deploy-check', 'ca', options.env), config.postgres.host);
  log(
    `building the images of ${options.env} (images/Dockerfile; the stand-in CA where the images expect RDS's bundle)`,
  );
  const built = await buildImages({ env: options.env, caBundleFile: ca.caFile, log });
  const timings: NodeTimings = {};
  const jobs: JobRun[] = [];
  const access: AccessCheck[] = [];
  const pods: PodStart[] = [];
  const podLogsTarget = path.join(options.reportDir, 'deploy-check', 'pod-logs');
  const afterSync = async (ctx: DeployContext): Promise<{ failures: string[]; notes: string[] }> => {
    const client = ctx.cluster.plane.client;
    const ns = config.namespace;
    const failures: string[] = [];
    const notes: string[] = [];
    pods.push(...podStarts((await client.get<KubeList<Pod>>(`/api/v1/namespaces/${ns}/pods`)).items));
    const common = { client, namespace: ns, podLogsDir: ctx.podLogsDir, log };
    if (await client.find(`/apis/batch/v1/namespaces/${ns}/cronjobs/loadtest`)) {
      jobs.push(
        await runCronJob({
          ...common,
          cronJob: 'loadtest',
          jobName: 'deploy-check-load',
          // The rendered profile (a ramp, for every environment today) and thresholds, scaled to one 2-core node that
          // also runs the control plane, Argo CD and the stand-ins: 200/s at the peak (the smoke profile's rate) for
          // 30 s in all, instead of the schedule's peak for minutes. A ramp is also how the schedule meets a replica
          // that has just started; a flat 200/s from the first second measured the new pod's warm-up instead.
          args: (rendered) => withArgs(rendered, { '--rate': '200', '--duration': '30' }),
          timeoutSeconds: 300,
        }),
      );
    } else notes.push(`${ns} renders no load test (loadtest section absent): no load Job`);
    jobs.push(
      await runCronJob({
        ...common,
        cronJob: 'chaos-drill',
        jobName: 'deploy-check-chaos',
        args: options.chaosSeconds
          ? (rendered) => withArgs(rendered, { '--duration': String(options.chaosSeconds) })
          : undefined,
        timeoutSeconds: (options.chaosSeconds ?? config.drills.chaos.durationSeconds) + 300,
      }),
    );
    const restore = await client.get<CronJobEnv>(`/apis/batch/v1/namespaces/${ns}/cronjobs/restore-drill`);
    const env = new Map(
      (restore.spec.jobTemplate.spec.template.spec.containers[0]?.env ?? []).map((e) => [e.name, e.value ?? '']),
    );
    access.push(
      ...(await checkRestoreDrillAccess(
        client,
        { namespace: ns, name: 'restore-drill' },
        restoreDrillRequests(ns, config.drills.restore.scratchNamespace, env.get('VELERO_NAMESPACE') ?? 'velero'),
      )),
    );
    notes.push(
      'restore drill: not run (it restores RDS and reads Velero, cloud services the rehearsal lacks); its access was checked instead',
    );
    for (const job of jobs.filter((j) => !j.passed)) {
      failures.push(`job ${job.job} (from CronJob ${job.fromCronJob}): ${job.detail}\n${job.output}`);
    }
    for (const a of access.filter((c) => !c.allowed)) {
      failures.push(`restore drill's ServiceAccount may not ${a.request}${a.reason ? ` (${a.reason})` : ''}`);
    }
    if (failures.length > 0) {
      keepPodLogs(ctx.podLogsDir, podLogsTarget);
      failures.push(...(await diagnosePods(client, ns, ctx.podLogsDir)));
    }
    return { failures, notes };
  };
  const sync = await rehearse({
    repoRoot: options.repoRoot,
    env: options.env,
    timeoutSeconds: options.timeoutSeconds,
    logsDir: path.join(options.reportDir, 'deploy-check'),
    keep: options.keep,
    log,
    cluster: deployCluster({
      env: options.env,
      config,
      stack,
      ca,
      loadImages: async (containerd) => {
        await buildImages({ env: options.env, caBundleFile: ca.caFile, containerdSocket: containerd.socket, log });
      },
      afterSync,
      podLogsTarget,
      timings,
    }),
  });
  const head = sync.sides.at(-1);
  const failures = [...(head?.failures ?? []), ...sync.notes.filter((n) => n.startsWith('error:'))];
  return {
    env: options.env,
    passed: sync.passed,
    seconds: (Date.now() - started) / 1000,
    images: built.map(({ archive: _archive, ...rest }) => rest),
    timings,
    pods,
    jobs,
    restoreDrillAccess: access,
    standIns: [
      `Kafka: ${config.kafka.bootstrapServers.length} local brokers (plaintext) in place of MSK; KAFKA_AUTH rewritten to none`,
      "PostgreSQL: a local server (TLS only, the rehearsal's CA) in place of RDS",
      ...(head?.standIns ?? []),
    ],
    sync,
    failures,
    notes: [...sync.notes, ...(head?.notes ?? [])],
  };
}

export function writeReport(file: string, report: DeployCheckReport): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
