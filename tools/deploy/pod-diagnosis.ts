import fs from 'node:fs';
import path from 'node:path';
import type { KubeClient, KubeList } from '../../services/drills/cluster/kube-client.js';

interface ContainerState {
  waiting?: { reason?: string; message?: string };
  terminated?: { exitCode?: number; reason?: string; message?: string };
}

interface ContainerStatus {
  name: string;
  ready?: boolean;
  restartCount?: number;
  state?: ContainerState;
  lastState?: ContainerState;
}

export interface Pod {
  metadata: {
    name: string;
    namespace: string;
    uid: string;
    labels?: Record<string, string>;
    creationTimestamp?: string;
  };
  status?: {
    phase?: string;
    conditions?: { type: string; status: string; lastTransitionTime?: string }[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
    startTime?: string;
  };
}

interface KubeEvent {
  involvedObject: { kind: string; name: string };
  reason?: string;
  message?: string;
  type?: string;
  count?: number;
}

/** The last `lines` lines a container wrote, from the kubelet's log files (newest restart last). */
export function containerLog(podLogsDir: string, pod: Pod, container: string, lines = 12): string {
  const dir = path.join(podLogsDir, `${pod.metadata.namespace}_${pod.metadata.name}_${pod.metadata.uid}`, container);
  if (!fs.existsSync(dir)) return '';
  const files = fs
    .readdirSync(dir)
    .filter((f) => /^\d+\.log$/.test(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10));
  const last = files.at(-1);
  if (!last) return '';
  // CRI log lines: `<time> <stream> <P|F> <text>`.
  return fs
    .readFileSync(path.join(dir, last), 'utf8')
    .split('\n')
    .filter(Boolean)
    .slice(-lines)
    .map((l) => l.replace(/^\S+ (stdout|stderr) [PF] /, ''))
    .join('\n');
}

/** An error's first line as Node and most runtimes print it: `Error: EROFS: …`, `TypeError [ERR_…]: …`. */
const ERROR_HEADER = /^\s*(\w*Error|\w*Exception)\b[^:]*: /;

/**
 * The end of a container's log, led by the error's own message where a long stack trace pushed it out of the end
 * (seen: a write outside /tmp printed twelve lines of stack after the EROFS message).
 */
export function logExcerpt(log: string, lines = 12): string {
  const all = log.split('\n');
  const tail = all.slice(-lines);
  const header = all.slice(-60, -lines).findLast((l) => ERROR_HEADER.test(l));
  return header && !tail.some((l) => ERROR_HEADER.test(l)) ? [header, '…', ...tail].join('\n') : tail.join('\n');
}

function indent(text: string): string {
  return text
    .split('\n')
    .map((l) => `      ${l}`)
    .join('\n');
}

/** One line (and the log's end) per container that is not running as it should: the cause a timeout alone hides. */
function containerFindings(podLogsDir: string, pod: Pod): string[] {
  const findings: string[] = [];
  const all = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])];
  for (const c of all) {
    const where = `pod ${pod.metadata.name}, container ${c.name}`;
    const waiting = c.state?.waiting;
    const ended = c.state?.terminated ?? c.lastState?.terminated;
    if (waiting?.reason && waiting.reason !== 'PodInitializing' && waiting.reason !== 'ContainerCreating') {
      findings.push(`${where}: ${waiting.reason}${waiting.message ? `: ${waiting.message}` : ''}`);
    }
    if (ended && ended.exitCode !== 0) {
      const log = logExcerpt(containerLog(podLogsDir, pod, c.name, 60));
      findings.push(
        `${where}: exited with code ${ended.exitCode} (${ended.reason ?? ''})${c.restartCount ? `, restarted ${c.restartCount} times` : ''}${log ? `; its last lines:\n${indent(log)}` : ''}`,
      );
    }
  }
  return findings;
}

/** Events that name a cause: failed probes (with the probe's last answer), refused pods (PodSecurity), failed mounts. */
const TELLING_EVENTS = new Set(['Unhealthy', 'FailedCreate', 'FailedMount', 'Failed', 'BackOff', 'FailedScheduling']);

/**
 * What keeps the namespace's pods from running, in words: each failing container's reason or exit code with the end
 * of its log, and the warning events that say why (a probe's answer, PodSecurity's refusal, a missing Secret).
 */
export async function diagnosePods(client: KubeClient, namespace: string, podLogsDir: string): Promise<string[]> {
  const pods = await client.get<KubeList<Pod>>(`/api/v1/namespaces/${namespace}/pods`);
  const findings = pods.items.flatMap((p) => containerFindings(podLogsDir, p));
  const events = await client.get<KubeList<KubeEvent>>(`/api/v1/namespaces/${namespace}/events`);
  for (const e of events.items) {
    if (e.type !== 'Warning' || !TELLING_EVENTS.has(e.reason ?? '')) continue;
    findings.push(
      `${e.involvedObject.kind}/${e.involvedObject.name}: ${e.reason}: ${e.message ?? ''} (×${e.count ?? 1})`,
    );
  }
  return [...new Set(findings)];
}

/** Copies every container log of the run (the kubelet's files) under `target`, for a failed run's report. */
export function keepPodLogs(podLogsDir: string, target: string): void {
  if (!fs.existsSync(podLogsDir)) return;
  fs.rmSync(target, { recursive: true, force: true });
  fs.cpSync(podLogsDir, target, { recursive: true, dereference: true });
}
