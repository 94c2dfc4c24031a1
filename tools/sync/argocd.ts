import path from 'node:path';
import { portAcceptsConnections, waitUntil } from '../stack/processes.js';
import type { ControlPlane } from './control-plane.js';
import { KubeError } from '../../services/drills/cluster/kube-client.js';
import type { ProcessGroup } from './process-group.js';
import { freeLoopbackPorts } from './ports.js';
import { commandPath, syncBinDir } from './tools.js';

/** Argo CD reads its settings only from objects carrying this label. */
const PART_OF_ARGOCD = { 'app.kubernetes.io/part-of': 'argocd' };

/**
 * The `argocd-cm` settings docs/operations/first-deploy.md installs Argo CD with: annotation tracking, and the health
 * check of Applications (Argo CD's app-of-apps Lua), so a wave of Applications waits for the previous one's health.
 */
export const FIRST_DEPLOY_SETTINGS: Record<string, string> = {
  'application.resourceTrackingMethod': 'annotation',
  'resource.customizations.health.argoproj.io_Application': [
    'hs = {}',
    'hs.status = "Progressing"',
    'hs.message = ""',
    'if obj.status ~= nil and obj.status.health ~= nil then',
    '  hs.status = obj.status.health.status',
    '  if obj.status.health.message ~= nil then hs.message = obj.status.health.message end',
    'end',
    'return hs',
  ].join('\n'),
};

async function createIfMissing(plane: ControlPlane, apiPath: string, body: unknown): Promise<void> {
  try {
    await plane.client.post(apiPath, body);
  } catch (error) {
    if (!(error instanceof KubeError && error.status === 409)) throw error;
  }
}

/**
 * Argo CD as its install would run it, outside a cluster: Redis, the repo server and the application controller, with
 * the settings of the first deploy. Its in-cluster destination (https://kubernetes.default.svc) is the
 * rehearsal's API server: ARGOCD_FAKE_IN_CLUSTER makes Argo CD read it from KUBECONFIG. Run locally, the repo server
 * needs TLS off with no client CA, GPG off, and Argo CD's git wrapper on PATH.
 */
export async function startArgoCd(
  dir: string,
  namespace: string,
  plane: ControlPlane,
  group: ProcessGroup,
  log: (line: string) => void,
): Promise<void> {
  const { redisPort, repoPort, repoMetricsPort, controllerMetricsPort } = await freeLoopbackPorts([
    'redisPort',
    'repoPort',
    'repoMetricsPort',
    'controllerMetricsPort',
  ]);
  await createIfMissing(plane, '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: namespace },
  });
  for (const [kind, name, data] of [
    ['ConfigMap', 'argocd-cm', FIRST_DEPLOY_SETTINGS],
    ['Secret', 'argocd-secret', { 'server.secretkey': Buffer.from('sync-check').toString('base64') }],
  ] as const) {
    await createIfMissing(plane, `/api/v1/namespaces/${namespace}/${kind === 'Secret' ? 'secrets' : 'configmaps'}`, {
      apiVersion: 'v1',
      kind,
      metadata: { name, namespace, labels: PART_OF_ARGOCD },
      data,
    });
  }

  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${syncBinDir}:${process.env.PATH ?? ''}`,
    KUBECONFIG: plane.kubeconfig,
    ARGOCD_FAKE_IN_CLUSTER: 'true',
    ARGOCD_GPG_ENABLED: 'false',
    HOME: dir,
  };
  log(
    `argo cd: redis :${redisPort}, repo server :${repoPort}, application controller (metrics :${controllerMetricsPort})`,
  );
  group.start('redis', 'redis-server', [
    ...['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
  ]);
  group.start(
    'argocd-repo-server',
    commandPath('argocd-repo-server'),
    [
      ...['--port', String(repoPort), '--metrics-port', String(repoMetricsPort), '--address', '127.0.0.1'],
      ...['--redis', `127.0.0.1:${redisPort}`, '--disable-tls', '--client-ca-path', ''],
    ],
    env,
    dir,
  );
  group.start(
    'argocd-application-controller',
    commandPath('argocd-application-controller'),
    [
      ...['--namespace', namespace, '--repo-server', `127.0.0.1:${repoPort}`, '--repo-server-plaintext'],
      ...['--redis', `127.0.0.1:${redisPort}`, '--metrics-port', String(controllerMetricsPort)],
      // Compare every few seconds instead of every 2-3 minutes; persist each resource's health in the Application
      // (off by default since 3.0) so the check can name the resource that is not Healthy.
      ...['--app-resync', '5', '--app-resync-jitter', '0', '--persist-resource-health'],
    ],
    env,
    dir,
  );
  for (const [name, port] of [
    ['argocd-repo-server', repoPort],
    ['argocd-application-controller', controllerMetricsPort],
  ] as const) {
    await waitUntil(
      async () => {
        group.assertRunning();
        return portAcceptsConnections(port);
      },
      60_000,
      () => `${name} did not listen on :${port} in 60 s; see ${path.join(dir, 'logs', `${name}.log`)}`,
    );
  }
}
