import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { waitUntil } from '../stack/processes.js';
import { KubeClient } from '../../services/drills/cluster/kube-client.js';
import type { ProcessGroup } from './process-group.js';
import { freeLoopbackPorts } from './ports.js';
import { commandPath, kwokStageFiles } from './tools.js';

export interface ControlPlane {
  readonly kubeconfig: string;
  /** The API server's URL, as the kubeconfig names it. */
  readonly server: URL;
  readonly client: KubeClient;
  /** The API server's audit log: what it admitted, with PodSecurity's verdicts as annotations. */
  readonly auditLog: string;
  /** The API server's own serving certificate and key (self-signed), reused by the stand-in metrics API. */
  readonly servingCert: { cert: string; key: string };
}

const TOKEN = 'sync-check-admin';

/** Fake nodes KWOK keeps Ready: one per zone, roomy enough for every environment's pods. */
const NODE_ZONES = ['zone-a', 'zone-b', 'zone-c'];
const NODE_CAPACITY = { cpu: '32', memory: '128Gi', pods: '110', 'ephemeral-storage': '200Gi' };

/**
 * PodSecurity as on a stock cluster (enforced where a namespace's labels say so), plus `restricted` as the default
 * warn and audit level everywhere: every violation anywhere becomes a warning and an audit annotation the check reads.
 */
const ADMISSION_CONFIG = {
  apiVersion: 'apiserver.config.k8s.io/v1',
  kind: 'AdmissionConfiguration',
  plugins: [
    {
      name: 'PodSecurity',
      configuration: {
        apiVersion: 'pod-security.admission.config.k8s.io/v1',
        kind: 'PodSecurityConfiguration',
        defaults: {
          enforce: 'privileged',
          'enforce-version': 'latest',
          audit: 'restricted',
          'audit-version': 'latest',
          warn: 'restricted',
          'warn-version': 'latest',
        },
        exemptions: { usernames: [], runtimeClasses: [], namespaces: [] },
      },
    },
  ],
};

/** Writes to pods, workloads and Argo CD's hooks (batch): enough for PodSecurity verdicts and hook timing. */
const AUDIT_POLICY = {
  apiVersion: 'audit.k8s.io/v1',
  kind: 'Policy',
  omitStages: ['RequestReceived'],
  rules: [
    {
      level: 'Metadata',
      verbs: ['create', 'update', 'patch'],
      resources: [{ group: '', resources: ['pods'] }, { group: 'apps' }, { group: 'batch' }],
    },
    { level: 'None' },
  ],
};

function writeYaml(file: string, data: unknown): string {
  fs.writeFileSync(file, stringify(data));
  return file;
}

export interface ControlPlaneOptions {
  /**
   * The address the API server serves on and advertises (default 127.0.0.1). A real node's pods reach it through the
   * `kubernetes` Service, whose endpoint must be an address they can route to: loopback is refused there.
   */
  readonly address?: string;
  /** Three KWOK nodes whose pods never run (the sync rehearsal; the default), or none (a real node joins). */
  readonly fakeNodes?: boolean;
}

/**
 * Starts etcd, kube-apiserver (PodSecurity admission, RBAC, audit log), kube-controller-manager, kube-scheduler and
 * (with fake nodes) KWOK on ports of their own, in `dir`, and waits until the fake nodes are Ready.
 */
export async function startControlPlane(
  dir: string,
  group: ProcessGroup,
  log: (line: string) => void,
  options: ControlPlaneOptions = {},
): Promise<ControlPlane> {
  const address = options.address ?? '127.0.0.1';
  const fakeNodes = options.fakeNodes ?? true;
  const { etcdPort, etcdPeerPort, apiPort, kcmPort, schedulerPort, kwokPort } = await freeLoopbackPorts([
    'etcdPort',
    'etcdPeerPort',
    'apiPort',
    'kcmPort',
    'schedulerPort',
    'kwokPort',
  ]);
  const pki = path.join(dir, 'pki');
  fs.mkdirSync(pki, { recursive: true });
  const saKey = path.join(pki, 'service-account.key');
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(saKey, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const tokens = path.join(pki, 'tokens.csv');
  fs.writeFileSync(tokens, `${TOKEN},sync-check,sync-check,system:masters\n`);
  const certDir = path.join(pki, 'serving');
  const servingCert = { cert: path.join(certDir, 'apiserver.crt'), key: path.join(certDir, 'apiserver.key') };
  const server = new URL(`https://${address}:${apiPort}`);
  const kubeconfig = writeYaml(path.join(dir, 'kubeconfig'), {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'rehearsal', cluster: { server: server.href, 'certificate-authority': servingCert.cert } }],
    users: [{ name: 'sync-check', user: { token: TOKEN } }],
    contexts: [{ name: 'rehearsal', context: { cluster: 'rehearsal', user: 'sync-check' } }],
    'current-context': 'rehearsal',
  });
  const auditLog = path.join(dir, 'audit.log');
  const etcdUrl = `http://127.0.0.1:${etcdPort}`;
  const peerUrl = `http://127.0.0.1:${etcdPeerPort}`;

  log(`control plane: etcd :${etcdPort}, kube-apiserver :${apiPort}`);
  // The data only has to outlive this run: no fsync.
  group.start('etcd', commandPath('etcd'), [
    ...['--name', 'rehearsal', '--data-dir', path.join(dir, 'etcd'), '--log-level', 'warn', '--unsafe-no-fsync'],
    ...['--listen-client-urls', etcdUrl, '--advertise-client-urls', etcdUrl],
    ...[
      '--listen-peer-urls',
      peerUrl,
      '--initial-advertise-peer-urls',
      peerUrl,
      '--initial-cluster',
      `rehearsal=${peerUrl}`,
    ],
  ]);
  group.start('kube-apiserver', commandPath('kube-apiserver'), [
    ...['--etcd-servers', etcdUrl, '--bind-address', address, '--advertise-address', address],
    ...['--secure-port', String(apiPort), '--cert-dir', certDir, '--token-auth-file', tokens],
    ...['--service-account-key-file', saKey, '--service-account-signing-key-file', saKey],
    ...['--service-account-issuer', 'https://kubernetes.default.svc', '--service-cluster-ip-range', '10.96.0.0/16'],
    ...['--authorization-mode', 'RBAC', '--endpoint-reconciler-type', address === '127.0.0.1' ? 'none' : 'lease'],
    // Logs and exec reach a real node's kubelet by the address it registered.
    ...['--kubelet-preferred-address-types', 'InternalIP'],
    // As EKS: privileged containers are PodSecurity's to refuse, namespace by namespace, not the API server's.
    '--allow-privileged=true',
    ...['--admission-control-config-file', writeYaml(path.join(dir, 'admission.yaml'), ADMISSION_CONFIG)],
    ...['--audit-policy-file', writeYaml(path.join(dir, 'audit-policy.yaml'), AUDIT_POLICY)],
    ...['--audit-log-path', auditLog, '--audit-log-format', 'json', '--audit-log-mode', 'blocking'],
  ]);
  await waitUntil(
    async () => {
      group.assertRunning();
      return fs.existsSync(servingCert.cert);
    },
    60_000,
    () => 'kube-apiserver wrote no serving certificate in 60 s',
  );
  const client = KubeClient.withToken(server, TOKEN, fs.readFileSync(servingCert.cert));
  await waitUntil(
    async () => {
      group.assertRunning();
      // The default namespace exists once the API server serves and its bootstrap controller has run.
      return client.get('/api/v1/namespaces/default').then(
        () => true,
        () => false,
      );
    },
    90_000,
    () => 'kube-apiserver was not ready in 90 s',
    300,
  );

  const componentArgs = (port: number) => [
    ...[
      '--kubeconfig',
      kubeconfig,
      '--authentication-kubeconfig',
      kubeconfig,
      '--authorization-kubeconfig',
      kubeconfig,
    ],
    ...['--bind-address', '127.0.0.1', '--secure-port', String(port), '--leader-elect=false'],
  ];
  group.start('kube-controller-manager', commandPath('kube-controller-manager'), [
    ...componentArgs(kcmPort),
    ...['--service-account-private-key-file', saKey, '--root-ca-file', servingCert.cert],
  ]);
  group.start('kube-scheduler', commandPath('kube-scheduler'), componentArgs(schedulerPort));
  if (fakeNodes) await startFakeNodes(group, client, kubeconfig, kwokPort);
  await waitUntil(
    async () => {
      group.assertRunning();
      // The controller manager's service account controller proves it runs.
      return (await client.find('/api/v1/namespaces/default/serviceaccounts/default')) !== undefined;
    },
    60_000,
    () => 'the controller manager made no default service account in 60 s',
    500,
  );
  return {
    kubeconfig,
    server,
    client,
    auditLog,
    servingCert: { cert: fs.readFileSync(servingCert.cert, 'utf8'), key: fs.readFileSync(servingCert.key, 'utf8') },
  };
}

/** KWOK and its three fake nodes, one per zone, waited for until Ready. */
async function startFakeNodes(
  group: ProcessGroup,
  client: KubeClient,
  kubeconfig: string,
  kwokPort: number,
): Promise<void> {
  group.start('kwok', commandPath('kwok'), [
    ...['--kubeconfig', kubeconfig, '--server-address', `127.0.0.1:${kwokPort}`],
    ...['--manage-all-nodes=false', '--manage-nodes-with-annotation-selector=kwok.x-k8s.io/node=fake'],
    // Renew each fake node's lease, or the node lifecycle controller marks its pods not ready after 40 s.
    ...['--node-lease-duration-seconds', '40'],
    ...kwokStageFiles().flatMap((f) => ['--config', f]),
  ]);
  for (const [i, zone] of NODE_ZONES.entries()) {
    const name = `fake-node-${i + 1}`;
    await client.post('/api/v1/nodes', {
      apiVersion: 'v1',
      kind: 'Node',
      metadata: {
        name,
        annotations: { 'kwok.x-k8s.io/node': 'fake' },
        labels: {
          'kubernetes.io/hostname': name,
          'kubernetes.io/os': 'linux',
          'kubernetes.io/arch': 'amd64',
          'topology.kubernetes.io/zone': zone,
          type: 'kwok',
        },
      },
      status: { capacity: NODE_CAPACITY, allocatable: NODE_CAPACITY },
    });
  }
  await waitUntil(
    async () => {
      group.assertRunning();
      const nodes = await client.get<{ items: { status?: { conditions?: { type: string; status: string }[] } }[] }>(
        '/api/v1/nodes',
      );
      const ready = nodes.items.filter((n) =>
        n.status?.conditions?.some((c) => c.type === 'Ready' && c.status === 'True'),
      );
      return ready.length === NODE_ZONES.length;
    },
    60_000,
    () => 'the fake nodes were not Ready in 60 s',
    500,
  );
}
