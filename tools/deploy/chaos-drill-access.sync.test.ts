import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { KubeClient, KubeError } from '../../services/drills/cluster/kube-client.js';
import { PodChaosTarget } from '../../services/drills/cluster/pod-chaos-target.js';
import type { ChaosClusterSettings } from '../../services/drills/cluster/settings.js';
import { repoRoot } from '../../config/paths.js';
import type { ControlPlane } from '../sync/control-plane.js';
import { startControlPlane } from '../sync/control-plane.js';
import { kubectl } from '../sync/kubectl.js';
import { ProcessGroup } from '../sync/process-group.js';

// The chaos drill's Kubernetes calls, made by the drill's own code with its ServiceAccount's token, against a real API
// server holding dev's rendered Role, RoleBinding and admission policy: what the in-cluster drill may do, and the
// server's own Forbidden message when the Role lacks a verb (the deploy rehearsal shows that message as the cause).
const manifests = path.join(repoRoot, 'environments', 'dev', 'manifests');
const NAMESPACE = 'events-dev';
const ROLE = path.join(manifests, NAMESPACE, 'role.rbac.authorization.k8s.io_chaos-drill.yaml');
const OBJECTS = [
  '_cluster/namespace_events-dev.yaml',
  `${NAMESPACE}/serviceaccount_chaos-drill.yaml`,
  // The worker's pods need their ServiceAccount, or its ReplicaSet creates none.
  `${NAMESPACE}/serviceaccount_worker.yaml`,
  `${NAMESPACE}/rolebinding.rbac.authorization.k8s.io_chaos-drill.yaml`,
  `${NAMESPACE}/deployment.apps_worker.yaml`,
  '_cluster/validatingadmissionpolicy.admissionregistration.k8s.io_events-dev-chaos-drill-deletes-only-workers.yaml',
  '_cluster/validatingadmissionpolicybinding.admissionregistration.k8s.io_events-dev-chaos-drill-deletes-only-workers.yaml',
];

let dir: string;
let group: ProcessGroup;
let plane: ControlPlane;

async function drillTarget(): Promise<PodChaosTarget> {
  const request = await plane.client.post<{ status: { token: string } }>(
    `/api/v1/namespaces/${NAMESPACE}/serviceaccounts/chaos-drill/token`,
    { apiVersion: 'authentication.k8s.io/v1', kind: 'TokenRequest', spec: { expirationSeconds: 600 } },
  );
  const kube = KubeClient.withToken(plane.server, request.status.token, Buffer.from(plane.servingCert.cert));
  const settings = {
    namespace: NAMESPACE,
    workerSelector: 'app.kubernetes.io/name=worker,app.kubernetes.io/part-of=event-platform',
    workerDeployment: 'worker',
  } as ChaosClusterSettings;
  // Kafka and the ledger are not used by the calls under test.
  return new PodChaosTarget(kube, settings, undefined as never, undefined as never);
}

async function applyRole(text: string): Promise<void> {
  await kubectl(plane.kubeconfig, ['apply', '-f', '-'], text);
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'chaos-access-'));
  group = new ProcessGroup(path.join(dir, 'logs'));
  plane = await startControlPlane(dir, group, () => undefined);
  for (const file of OBJECTS) await kubectl(plane.kubeconfig, ['apply', '-f', path.join(manifests, file)]);
  await applyRole(fs.readFileSync(ROLE, 'utf8'));
}, 180_000);

afterAll(async () => {
  await group?.stopAll();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("the chaos drill's calls through its rendered Role (a real API server)", () => {
  it('kills a worker pod and moves the worker Deployment’s scale, as the drill does in the cluster', async () => {
    const target = await drillTarget();
    // KWOK runs the worker's pod: wait until it is Running, as the drill only kills running pods.
    for (let i = 0; i < 60; i += 1) {
      const pods = await plane.client.get<{ items: { status?: { phase?: string } }[] }>(
        `/api/v1/namespaces/${NAMESPACE}/pods`,
      );
      if (pods.items.some((p) => p.status?.phase === 'Running')) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    await target.begin();
    expect((await target.inject('kill-worker', () => 0)).target).toMatch(
      /^pod worker-.* \(deleted, no grace period\)$/,
    );
    expect((await target.inject('scale-up', () => 0)).target).toBe('deployment worker 1 → 2 replicas');
    await target.settle();
  });

  it("fails with the server's Forbidden message when the Role lacks the patch verb on the worker's scale", async () => {
    const role = parse(fs.readFileSync(ROLE, 'utf8')) as { rules: { resources: string[]; verbs: string[] }[] };
    for (const rule of role.rules) {
      if (rule.resources.includes('deployments/scale')) rule.verbs = rule.verbs.filter((v) => v !== 'patch');
    }
    await applyRole(stringify(role));
    const target = await drillTarget();
    const error = await target
      .inject('scale-up', () => 0)
      .then(
        () => undefined,
        (e: unknown) => e,
      );
    expect(error).toBeInstanceOf(KubeError);
    expect((error as KubeError).status).toBe(403);
    expect((error as KubeError).message).toContain(
      'User "system:serviceaccount:events-dev:chaos-drill" cannot patch resource "deployments/scale"',
    );
  });
});
