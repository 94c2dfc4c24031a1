import https from 'node:https';
import { waitUntil } from '../stack/processes.js';
import type { ControlPlane } from './control-plane.js';
import { freeLoopbackPorts } from './ports.js';

/** The chart whose API this stands in for. */
export const METRICS_CHART = 'metrics-server';
const GROUP_VERSION = 'metrics.k8s.io/v1beta1';
const SERVICE = { namespace: 'kube-system', name: 'sync-check-metrics' };

interface Pod {
  metadata: { name: string; namespace: string; labels?: Record<string, string>; creationTimestamp?: string };
  spec: { containers: { name: string; resources?: { requests?: Record<string, string> } }[] };
  status?: { phase?: string };
}

const BINARY_SUFFIXES: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40 };
const DECIMAL_SUFFIXES: Record<string, number> = { m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12 };

/** A Kubernetes quantity as a number of base units (cores, bytes). */
export function quantityValue(quantity: string): number {
  const match = /^([0-9.]+)([a-zA-Z]*)$/.exec(quantity);
  if (!match) return 0;
  const amount = Number(match[1]);
  const suffix = match[2] ?? '';
  return amount * (BINARY_SUFFIXES[suffix] ?? DECIMAL_SUFFIXES[suffix] ?? 1);
}

/** What the stand-in reports a container uses: half of what it requests (a calm, steady load). */
export function containerUsage(requests: Record<string, string> | undefined): { cpu: string; memory: string } {
  const cpu = quantityValue(requests?.cpu ?? '0');
  const memory = quantityValue(requests?.memory ?? '0');
  return { cpu: `${Math.round((cpu * 1000) / 2)}m`, memory: String(Math.round(memory / 2)) };
}

function podMetrics(pod: Pod): unknown {
  return {
    kind: 'PodMetrics',
    apiVersion: GROUP_VERSION,
    metadata: { name: pod.metadata.name, namespace: pod.metadata.namespace, labels: pod.metadata.labels },
    timestamp: new Date().toISOString(),
    // metrics-server's usual resolution; the HPA ignores a pod's CPU for one window after it turns ready.
    window: '15s',
    containers: pod.spec.containers.map((c) => ({ name: c.name, usage: containerUsage(c.resources?.requests) })),
  };
}

/**
 * The metrics.k8s.io API that metrics-server would serve, so the HPA controller computes real replica counts and
 * Argo CD judges HPAs as on a live cluster. Registered as an APIService behind an ExternalName Service to localhost;
 * it answers from the pods the API server knows, each using half of its requests.
 */
export async function startMetricsApi(plane: ControlPlane): Promise<{ stop: () => Promise<void> }> {
  const { port } = await freeLoopbackPorts(['port']);
  const server = https.createServer({ cert: plane.servingCert.cert, key: plane.servingCert.key }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://localhost');
    const send = (status: number, body: unknown): void => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const prefix = `/apis/${GROUP_VERSION}`;
    if (url.pathname === prefix) {
      send(200, {
        kind: 'APIResourceList',
        apiVersion: 'v1',
        groupVersion: GROUP_VERSION,
        resources: [
          { name: 'pods', singularName: '', namespaced: true, kind: 'PodMetrics', verbs: ['get', 'list'] },
          { name: 'nodes', singularName: '', namespaced: false, kind: 'NodeMetrics', verbs: ['get', 'list'] },
        ],
      });
      return;
    }
    const pods = new RegExp(`^${prefix}/namespaces/([^/]+)/pods(?:/([^/]+))?$`).exec(url.pathname);
    if (!pods) {
      send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 });
      return;
    }
    const [, namespace, name] = pods;
    const selector = url.searchParams.get('labelSelector');
    const query = selector ? `?labelSelector=${encodeURIComponent(selector)}` : '';
    const list = `/api/v1/namespaces/${namespace}/pods${name ? `/${name}` : query}`;
    plane.client.get<Pod | { items: Pod[] }>(list).then(
      (found) => {
        if (name) send(200, podMetrics(found as Pod));
        else {
          const running = (found as { items: Pod[] }).items.filter((p) => p.status?.phase === 'Running');
          send(200, {
            kind: 'PodMetricsList',
            apiVersion: GROUP_VERSION,
            metadata: {},
            items: running.map(podMetrics),
          });
        }
      },
      (error: Error) =>
        send(502, { kind: 'Status', apiVersion: 'v1', status: 'Failure', message: error.message, code: 502 }),
    );
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));

  await plane.client.post(`/api/v1/namespaces/${SERVICE.namespace}/services`, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: SERVICE,
    spec: { type: 'ExternalName', externalName: 'localhost', ports: [{ name: 'https', port }] },
  });
  await plane.client.post('/apis/apiregistration.k8s.io/v1/apiservices', {
    apiVersion: 'apiregistration.k8s.io/v1',
    kind: 'APIService',
    metadata: { name: 'v1beta1.metrics.k8s.io' },
    spec: {
      group: 'metrics.k8s.io',
      version: 'v1beta1',
      service: { ...SERVICE, port },
      insecureSkipTLSVerify: true,
      groupPriorityMinimum: 100,
      versionPriority: 100,
    },
  });
  await waitUntil(
    async () => {
      const api = await plane.client.get<{ status?: { conditions?: { type: string; status: string }[] } }>(
        '/apis/apiregistration.k8s.io/v1/apiservices/v1beta1.metrics.k8s.io',
      );
      return api.status?.conditions?.some((c) => c.type === 'Available' && c.status === 'True') ?? false;
    },
    60_000,
    () => 'the stand-in metrics API was not Available in 60 s',
    500,
  );
  return { stop: () => new Promise((resolve) => server.close(() => resolve())) };
}
