import fs from 'node:fs';
import path from 'node:path';
import { waitUntil } from '../stack/processes.js';
import { cacheDir } from '../../policies/schemas/build.js';
import type { ControlPlane } from '../sync/control-plane.js';
import type { ProcessGroup } from '../sync/process-group.js';
import { freeLoopbackPorts } from '../sync/ports.js';

export const COREDNS = path.join(cacheDir, 'bin', 'coredns');

/**
 * The Corefile: the cluster's Services and pods from the Kubernetes API, and the cloud services' rendered names
 * (MSK's brokers, RDS's endpoint) answered with the stand-ins' addresses. Anything else is not found: the rehearsal
 * has no internet, and a pod that needs it should fail visibly.
 */
export function corefile(options: {
  address: string;
  apiServer: string;
  kubeconfig: string;
  readyPort: number;
  hosts: Record<string, string>;
}): string {
  const hosts = Object.entries(options.hosts)
    .map(([name, ip]) => `    ${ip} ${name}`)
    .join('\n');
  return `.:53 {
  bind ${options.address}
  errors
  ready 127.0.0.1:${options.readyPort}
  hosts {
${hosts}
    fallthrough
  }
  kubernetes cluster.local in-addr.arpa ip6.arpa {
    endpoint ${options.apiServer}
    kubeconfig ${options.kubeconfig} rehearsal
    pods insecure
  }
}
`;
}

/** Starts CoreDNS on the node's address (the kubelet's clusterDNS) and waits until it is ready. */
export async function startClusterDns(
  dir: string,
  group: ProcessGroup,
  plane: ControlPlane,
  address: string,
  hosts: Record<string, string>,
): Promise<void> {
  if (!fs.existsSync(COREDNS))
    throw new Error(`CoreDNS is not installed (${COREDNS}): run bash tools/install/deploy-tools.sh`);
  const { readyPort } = await freeLoopbackPorts(['readyPort']);
  const file = path.join(dir, 'Corefile');
  const apiServer = plane.server.origin;
  fs.writeFileSync(file, corefile({ address, apiServer, kubeconfig: plane.kubeconfig, readyPort, hosts }));
  group.start('coredns', COREDNS, ['-conf', file]);
  await waitUntil(
    async () => {
      group.assertRunning();
      try {
        return (await fetch(`http://127.0.0.1:${readyPort}/ready`)).ok;
      } catch {
        return false;
      }
    },
    60_000,
    () => 'CoreDNS was not ready in 60 s (see coredns.log)',
    500,
  );
}
