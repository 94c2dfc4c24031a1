import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { waitUntil } from '../stack/processes.js';
import type { ControlPlane } from '../sync/control-plane.js';
import type { ProcessGroup } from '../sync/process-group.js';
import { freeLoopbackPorts } from '../sync/ports.js';
import { commandPath } from '../sync/tools.js';
import type { Containerd } from './containerd.js';
import { NODE_NETWORK } from './node-network.js';

export const NODE_NAME = 'deploy-node';
/** The zone label the rendered topology spread constraints read (one real node: one zone). */
const NODE_ZONE = 'zone-a';

/**
 * kubelet's configuration for this machine. cgroups are v1 here, which kubelet 1.35 refuses unless told
 * (`failCgroupV1: false`, KEP-5573); swap may be on. The cluster DNS is CoreDNS on the node's address. Images are
 * never garbage-collected (nothing could be pulled back), and eviction only starts when the disk is nearly full.
 */
export function kubeletConfig(options: {
  containerd: Containerd;
  port: number;
  healthzPort: number;
  podLogsDir: string;
  resolvConf: string;
}): Record<string, unknown> {
  return {
    apiVersion: 'kubelet.config.k8s.io/v1beta1',
    kind: 'KubeletConfiguration',
    failCgroupV1: false,
    cgroupDriver: 'cgroupfs',
    failSwapOn: false,
    containerRuntimeEndpoint: `unix://${options.containerd.socket}`,
    address: NODE_NETWORK.nodeIp,
    port: options.port,
    readOnlyPort: 0,
    healthzBindAddress: '127.0.0.1',
    healthzPort: options.healthzPort,
    authentication: { anonymous: { enabled: false }, webhook: { enabled: true } },
    authorization: { mode: 'Webhook' },
    clusterDNS: [NODE_NETWORK.nodeIp],
    clusterDomain: 'cluster.local',
    resolvConf: options.resolvConf,
    podLogsDir: options.podLogsDir,
    imageGCHighThresholdPercent: 100,
    imageGCLowThresholdPercent: 99,
    evictionHard: { 'memory.available': '100Mi', 'nodefs.available': '1%', 'imagefs.available': '1%' },
    serializeImagePulls: false,
    maxPods: 40,
    // The images are imported into containerd, never pulled: a pull would fail, so nothing may ask for one.
    registerNode: true,
  };
}

/** kube-proxy's configuration: iptables rules for the Services; it leaves the host's conntrack limits as they are. */
export function kubeProxyConfig(kubeconfig: string, healthzPort: number, metricsPort: number): Record<string, unknown> {
  return {
    apiVersion: 'kubeproxy.config.k8s.io/v1alpha1',
    kind: 'KubeProxyConfiguration',
    clientConnection: { kubeconfig },
    mode: 'iptables',
    clusterCIDR: NODE_NETWORK.podSubnet,
    hostnameOverride: NODE_NAME,
    bindAddress: NODE_NETWORK.nodeIp,
    healthzBindAddress: `127.0.0.1:${healthzPort}`,
    metricsBindAddress: `127.0.0.1:${metricsPort}`,
    conntrack: { maxPerCore: 0, min: 0 },
    iptables: { localhostNodePorts: false },
  };
}

interface NodeStatus {
  status?: { conditions?: { type: string; status: string; message?: string }[] };
}

/** Starts kubelet and kube-proxy for one node and waits until the node is Ready. */
export async function startNode(
  dir: string,
  group: ProcessGroup,
  plane: ControlPlane,
  containerd: Containerd,
  log: (line: string) => void,
): Promise<{ podLogsDir: string }> {
  const { kubeletPort, kubeletHealthz, proxyHealthz, proxyMetrics } = await freeLoopbackPorts([
    'kubeletPort',
    'kubeletHealthz',
    'proxyHealthz',
    'proxyMetrics',
  ]);
  const home = path.join(dir, 'node');
  const podLogsDir = path.join(home, 'pod-logs');
  fs.mkdirSync(podLogsDir, { recursive: true });
  // Pods get the cluster DNS and its search paths only: none of the host's resolvers or domains.
  const resolvConf = path.join(home, 'resolv.conf');
  fs.writeFileSync(resolvConf, '');
  const kubeletConfigFile = path.join(home, 'kubelet.yaml');
  fs.writeFileSync(
    kubeletConfigFile,
    stringify(kubeletConfig({ containerd, port: kubeletPort, healthzPort: kubeletHealthz, podLogsDir, resolvConf })),
  );
  group.start('kubelet', commandPath('kubelet'), [
    ...['--config', kubeletConfigFile, '--kubeconfig', plane.kubeconfig],
    ...['--root-dir', path.join(home, 'kubelet'), '--hostname-override', NODE_NAME],
    ...['--node-ip', NODE_NETWORK.nodeIp, '--node-labels', `topology.kubernetes.io/zone=${NODE_ZONE}`],
    ...['--v', '1'],
  ]);
  const proxyConfigFile = path.join(home, 'kube-proxy.yaml');
  fs.writeFileSync(proxyConfigFile, stringify(kubeProxyConfig(plane.kubeconfig, proxyHealthz, proxyMetrics)));
  group.start('kube-proxy', commandPath('kube-proxy'), ['--config', proxyConfigFile]);
  let last = 'not registered';
  await waitUntil(
    async () => {
      group.assertRunning();
      const node = await plane.client.find<NodeStatus>(`/api/v1/nodes/${NODE_NAME}`);
      const ready = node?.status?.conditions?.find((c) => c.type === 'Ready');
      if (ready) last = `Ready=${ready.status}: ${ready.message ?? ''}`;
      return ready?.status === 'True';
    },
    120_000,
    () => `node ${NODE_NAME} was not Ready in 120 s (${last}); see the kubelet's log`,
    500,
  );
  log(`node ${NODE_NAME} Ready (kubelet, kube-proxy, containerd, runc, bridge CNI on ${NODE_NETWORK.podSubnet})`);
  return { podLogsDir };
}
