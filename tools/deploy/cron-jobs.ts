import { setTimeout as sleep } from 'node:timers/promises';
import type { KubeClient, KubeList } from '../../services/drills/cluster/kube-client.js';
import type { Pod } from './pod-diagnosis.js';
import { containerLog, diagnosePods } from './pod-diagnosis.js';

interface Container {
  name: string;
  args?: string[];
  [field: string]: unknown;
}

export interface CronJob {
  metadata: { name: string; namespace: string };
  spec: {
    jobTemplate: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec: { template: { spec: { containers: Container[] } }; [field: string]: unknown };
    };
  };
}

interface Job {
  status?: { conditions?: { type: string; status: string; reason?: string; message?: string }[] };
}

export interface JobRun {
  readonly job: string;
  readonly fromCronJob: string;
  /** The arguments the container ran with, and how they differ from the rendered ones (empty when they do not). */
  readonly args: string[];
  readonly argsChanged: string;
  readonly passed: boolean;
  readonly seconds: number;
  readonly detail: string;
  /** The end of the container's output (its summary). */
  readonly output: string;
}

/**
 * A Job made from a rendered CronJob's template, as `kubectl create job --from=cronjob/...` does (owner: nobody, the
 * template's labels and pod spec unchanged), with the container's arguments changed by `args` only when the run
 * needs other arguments than the schedule's (said in the result).
 */
export function jobFromCronJob(
  cron: CronJob,
  name: string,
  args?: (rendered: string[]) => string[],
): Record<string, unknown> {
  const template = structuredClone(cron.spec.jobTemplate);
  const container = template.spec.template.spec.containers[0]!;
  if (args) container.args = args(container.args ?? []);
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name,
      namespace: cron.metadata.namespace,
      labels: template.metadata?.labels ?? {},
      annotations: { ...(template.metadata?.annotations ?? {}), 'cronjob.kubernetes.io/instantiate': 'manual' },
    },
    spec: template.spec,
  };
}

/** Runs a Job made from the CronJob and waits for it to complete or fail; a failure carries its pods' causes. */
export async function runCronJob(options: {
  client: KubeClient;
  namespace: string;
  cronJob: string;
  jobName: string;
  args?: (rendered: string[]) => string[];
  timeoutSeconds: number;
  podLogsDir: string;
  log: (line: string) => void;
}): Promise<JobRun> {
  const { client, namespace } = options;
  const cron = await client.get<CronJob>(`/apis/batch/v1/namespaces/${namespace}/cronjobs/${options.cronJob}`);
  const rendered = cron.spec.jobTemplate.spec.template.spec.containers[0]?.args ?? [];
  const job = jobFromCronJob(cron, options.jobName, options.args);
  const args = (job.spec as CronJob['spec']['jobTemplate']['spec']).template.spec.containers[0]!.args ?? [];
  const argsChanged = args.join(' ') === rendered.join(' ') ? '' : `${rendered.join(' ')} → ${args.join(' ')}`;
  const started = Date.now();
  await client.post(`/apis/batch/v1/namespaces/${namespace}/jobs`, job);
  options.log(`job ${options.jobName} (from CronJob ${options.cronJob}) started: ${args.join(' ')}`);
  const deadline = started + options.timeoutSeconds * 1000;
  let condition: { type: string; reason?: string; message?: string } | undefined;
  while (!condition && Date.now() < deadline) {
    await sleep(2000);
    const live = await client.get<Job>(`/apis/batch/v1/namespaces/${namespace}/jobs/${options.jobName}`);
    condition = live.status?.conditions?.find(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
  }
  const pods = await client.get<KubeList<Pod>>(
    `/api/v1/namespaces/${namespace}/pods?labelSelector=${encodeURIComponent(`job-name=${options.jobName}`)}`,
  );
  const pod = pods.items.at(-1);
  const container = cron.spec.jobTemplate.spec.template.spec.containers[0]!.name;
  const output = pod ? containerLog(options.podLogsDir, pod, container, 40) : '';
  const seconds = (Date.now() - started) / 1000;
  const passed = condition?.type === 'Complete';
  let detail = condition ? `${condition.type}${condition.message ? `: ${condition.message}` : ''}` : '';
  if (!condition) {
    const causes = await diagnosePods(client, namespace, options.podLogsDir);
    detail = `not finished in ${options.timeoutSeconds} s${causes.length ? `: ${causes.join('; ')}` : ''}`;
  }
  options.log(`job ${options.jobName}: ${passed ? 'completed' : 'failed'} in ${seconds.toFixed(0)} s (${detail})`);
  return { job: options.jobName, fromCronJob: options.cronJob, args, argsChanged, passed, seconds, detail, output };
}

/** Arguments with `--flag value` pairs replaced (`value` given) or removed (`undefined`). */
export function withArgs(rendered: string[], changes: Record<string, string | undefined>): string[] {
  const out: string[] = [];
  for (let i = 0; i < rendered.length; i += 1) {
    const arg = rendered[i]!;
    if (arg in changes) {
      const value = changes[arg];
      if (value !== undefined) out.push(arg, value);
      i += 1;
    } else out.push(arg);
  }
  return out;
}
