import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadEnvironment } from '../../config/load.js';
import { repoRoot } from '../../config/paths.js';
import { cacheDir } from '../../policies/schemas/build.js';
import { buildImages } from '../images/build.js';
import { ProcessGroup } from '../sync/process-group.js';
import type { Pod } from './pod-diagnosis.js';
import { diagnosePods } from './pod-diagnosis.js';
import type { RealNode } from './real-node.js';
import { startRealNode } from './real-node.js';
import { makeStandInCa } from './stand-in-ca.js';

// On the deploy rehearsal's real node: the worker's rendered pod (its security context, its /tmp volume, its image),
// running a program that writes outside /tmp, fails, and the rehearsal names the cause (the exit code and the
// read-only filesystem's error), where a timeout alone would say nothing. The same pod writing to /tmp succeeds.
const NAMESPACE = 'read-only-root-test';
const WORKER = path.join(repoRoot, 'environments/dev/manifests/events-dev/deployment.apps_worker.yaml');

let dir: string;
let group: ProcessGroup;
let node: RealNode;

interface PodTemplate {
  spec: { containers: Record<string, unknown>[]; [field: string]: unknown };
}

/** The worker's rendered pod, running `script` once instead of the worker (no probes, settings or init container). */
function workerPodRunning(name: string, script: string): Record<string, unknown> {
  const deployment = parse(fs.readFileSync(WORKER, 'utf8')) as { spec: { template: PodTemplate } };
  const spec = structuredClone(deployment.spec.template.spec);
  const { name: containerName, image, securityContext, volumeMounts, resources } = spec.containers[0]!;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace: NAMESPACE },
    spec: {
      securityContext: spec.securityContext,
      volumes: spec.volumes,
      restartPolicy: 'Never',
      containers: [
        { name: containerName, image, imagePullPolicy: 'Never', securityContext, volumeMounts, resources },
      ].map((c) => ({ ...c, command: ['node', '-e', script] })),
    },
  };
}

async function finished(name: string): Promise<Pod> {
  for (let i = 0; i < 180; i += 1) {
    const pod = await node.plane.client.get<Pod>(`/api/v1/namespaces/${NAMESPACE}/pods/${name}`);
    if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return pod;
    await sleep(1000);
  }
  throw new Error(`pod ${name} did not finish in 180 s`);
}

beforeAll(async () => {
  const { config } = loadEnvironment(repoRoot, 'dev');
  const ca = makeStandInCa(path.join(cacheDir, 'deploy-check', 'ca', 'dev'), config.postgres.host);
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'read-only-root-'));
  group = new ProcessGroup(path.join(dir, 'logs'));
  node = await startRealNode(
    dir,
    group,
    () => undefined,
    async (containerd) => {
      await buildImages({
        env: 'dev',
        caBundleFile: ca.caFile,
        containerdSocket: containerd.socket,
        targets: ['worker'],
      });
    },
  );
  const client = node.plane.client;
  await client.post('/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: NAMESPACE } });
  while (!(await client.find(`/api/v1/namespaces/${NAMESPACE}/serviceaccounts/default`))) await sleep(500);
  await client.post(
    `/api/v1/namespaces/${NAMESPACE}/pods`,
    workerPodRunning('writes-outside-tmp', "require('fs').writeFileSync('/app/written-by-the-pod', 'x')"),
  );
  await client.post(
    `/api/v1/namespaces/${NAMESPACE}/pods`,
    workerPodRunning('writes-to-tmp', "require('fs').writeFileSync('/tmp/written-by-the-pod', 'x')"),
  );
});

afterAll(async () => {
  await node?.stop();
  await group?.stopAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the worker's rendered pod on a real node", () => {
  it('fails when it writes outside /tmp, and the rehearsal names the exit code and the read-only filesystem', async () => {
    expect((await finished('writes-outside-tmp')).status?.phase).toBe('Failed');
    const causes = (await diagnosePods(node.plane.client, NAMESPACE, node.podLogsDir)).join('\n');
    expect(causes).toContain('pod writes-outside-tmp, container worker: exited with code 1');
    expect(causes).toMatch(/EROFS: read-only file system, open '\/app\/written-by-the-pod'/);
  });

  it('writes to /tmp, the emptyDir the render mounts there', async () => {
    expect((await finished('writes-to-tmp')).status?.phase).toBe('Succeeded');
  });
});
