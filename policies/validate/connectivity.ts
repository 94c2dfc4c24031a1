import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stringify } from 'yaml';
import type { EnvConfig } from '../../config/schema.js';
import { ARGOCD_DIR, environmentFile } from '../../config/paths.js';
import { isWorkload, renderedWorkloads } from '../../config/workloads.js';
import type { Finding } from './findings.js';
import type { ValidationContext } from './rendered.js';
import { listYamlFiles } from './rendered.js';
import { runTool, toolPath } from './tools.js';

/** What the analysis reads of an environment's config: its namespace and the peers its policies may name. */
export type NetworkConfig = Pick<EnvConfig, 'namespace' | 'network'>;

/** A connection one endpoint may open to another: names are workloads, peers of env.yaml, `kube-dns` or raw IPs. */
export interface Connection {
  readonly from: string;
  readonly to: string;
  /** e.g. 'TCP 8080' */
  readonly port: string;
}

export const KUBE_DNS = 'kube-dns';

export function describeConnection(c: Connection): string {
  const match = /^(TCP|UDP|SCTP) (\S+)$/.exec(c.port);
  return `${c.from} → ${c.to} : ${match ? `${match[2]}/${match[1]}` : c.port.toLowerCase()}`;
}

const key = (c: Connection) => `${c.from}\t${c.to}\t${c.port}`;

/** What env.yaml declares: every edge touching this namespace, plus DNS (UDP and TCP 53) for every workload. */
export function declaredConnections(config: EnvConfig): Connection[] {
  const edges = config.network.edges
    .filter((e) => isWorkload(e.from) || isWorkload(e.to))
    .map((e) => ({ from: e.from, to: e.to, port: `${e.protocol ?? 'TCP'} ${e.port}` }));
  const dns = renderedWorkloads(config).flatMap((w) =>
    ['UDP 53', 'TCP 53'].map((port) => ({ from: w, to: KUBE_DNS, port })),
  );
  return [...edges, ...dns];
}

function ipToNumber(ip: string): number {
  return ip.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

function cidrRange(cidr: string): [number, number] {
  const [ip, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  const start = Math.floor(ipToNumber(ip!) / size) * size;
  return [start, start + size - 1];
}

const PEER_POD_PREFIX = 'peer-';

/** Maps an analyser endpoint back to a name of the matrix. */
export function endpointName(config: NetworkConfig, endpoint: string): string {
  const workload = /^([^/]+)\/([^[]+)\[[A-Za-z]+\]$/.exec(endpoint);
  if (workload) {
    const [, namespace, name] = workload;
    if (namespace === config.namespace && isWorkload(name!)) return name;
    if (name === KUBE_DNS && namespace === 'kube-system') return KUBE_DNS;
    if (name!.startsWith(PEER_POD_PREFIX)) return name!.slice(PEER_POD_PREFIX.length);
    return endpoint;
  }
  const range = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)$/.exec(endpoint);
  if (range) {
    const [low, high] = [ipToNumber(range[1]!), ipToNumber(range[2]!)];
    for (const [name, peer] of Object.entries(config.network.peers)) {
      if (
        (peer.cidrs ?? []).some((cidr) => {
          const [a, b] = cidrRange(cidr);
          return a <= low && high <= b;
        })
      )
        return name;
    }
  }
  return endpoint;
}

/**
 * Pods standing in for what lives outside the rendered output, so the analyser can evaluate policies that name them:
 * one pod per in-cluster peer (in its namespace, with its labels) and the cluster DNS.
 */
export function representativePeers(config: NetworkConfig): object[] {
  const pods = Object.entries(config.network.peers)
    .filter(([, peer]) => peer.namespace !== undefined)
    .map(([name, peer]) => ({
      name: `${PEER_POD_PREFIX}${name}`,
      namespace: peer.namespace!,
      labels: peer.podLabels ?? {},
    }));
  pods.push({ name: KUBE_DNS, namespace: 'kube-system', labels: { 'k8s-app': 'kube-dns' } });
  const namespaces = [...new Set(pods.map((p) => p.namespace))];
  return [
    ...namespaces.map((name) => ({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    })),
    ...pods.map((p) => ({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: { name: p.name, namespace: p.namespace, labels: p.labels },
      spec: { containers: [{ name: 'peer', image: 'registry.k8s.io/pause:3.10' }] },
    })),
  ];
}

function parseConnections(config: NetworkConfig, output: string): Connection[] {
  const rows = JSON.parse(output) as { src: string; dst: string; conn: string }[];
  return rows.flatMap((row) =>
    row.conn
      .split(',')
      .map((port) => ({ from: endpointName(config, row.src), to: endpointName(config, row.dst), port: port.trim() })),
  );
}

// What np-guard's analyser reads: workloads (their namespaces and pod labels), the policies, namespaces, and what
// exposes workloads. Everything else cannot change the connectivity, and is left out of the input so that two
// renders whose input is equal are known to have equal connectivity without running the analyser.
const ANALYSED_KINDS = new Set([
  'Pod',
  'ReplicaSet',
  'ReplicationController',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'Job',
  'CronJob',
  'NetworkPolicy',
  'AdminNetworkPolicy',
  'BaselineAdminNetworkPolicy',
  'Namespace',
  'Service',
  'Ingress',
  'Route',
]);

const TOP_LEVEL_KIND = /^kind:[ \t]*['"]?([A-Za-z]+)['"]?[ \t]*$/m;

/**
 * The analyser's input for one environment: its rendered manifests (`file → YAML`) of the kinds the analyser reads,
 * plus the stand-in peers. Equal inputs give equal connectivity.
 */
export function analyzerInput(config: NetworkConfig, manifests: Iterable<[string, string]>): Map<string, string> {
  const input = new Map<string, string>();
  for (const [file, text] of manifests) {
    const kind = TOP_LEVEL_KIND.exec(text)?.[1];
    if (kind === undefined || ANALYSED_KINDS.has(kind)) input.set(file.replaceAll('/', '__'), text);
  }
  input.set(
    'zz-representative-peers.yaml',
    representativePeers(config)
      .map((o) => stringify(o))
      .join('---\n'),
  );
  return new Map([...input].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The manifests (not the Argo CD objects) of an environment's rendered folders, read from `root`. */
function renderedManifests(ctx: ValidationContext, root: string): [string, string][] {
  return ctx.dirs
    .filter((d) => !d.startsWith(`${ARGOCD_DIR}/`))
    .flatMap((dir) =>
      listYamlFiles(root, dir).map((file): [string, string] => [file, fs.readFileSync(path.join(root, file), 'utf8')]),
    );
}

/** Runs np-guard's analyser over an input of analyzerInput(); returns the allowed connections. */
export async function analyzeConnections(
  repoRoot: string,
  config: NetworkConfig,
  input: ReadonlyMap<string, string>,
): Promise<Connection[]> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'netpol-'));
  try {
    for (const [name, text] of input) fs.writeFileSync(path.join(work, name), text);
    const { status, stdout, stderr } = await runTool(
      toolPath(repoRoot, 'netpolicy'),
      ['list', '--dirpath', work, '-o', 'json', '--quiet'],
      work,
    );
    if (status !== 0) throw new Error(`netpolicy failed: ${stderr || stdout}`);
    return parseConnections(config, stdout);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/**
 * The allowed connections must equal the declared matrix, both ways. Connections that touch none of this namespace's
 * workloads (between the stand-in peers themselves) are not ours to judge.
 */
export function compareConnectivity(
  declared: readonly Connection[],
  analyzed: readonly Connection[],
): { missing: Connection[]; undeclared: Connection[] } {
  const ours = analyzed.filter((c) => isWorkload(c.from) || isWorkload(c.to));
  const declaredKeys = new Set(declared.map(key));
  const analyzedKeys = new Set(ours.map(key));
  return {
    missing: declared.filter((c) => !analyzedKeys.has(key(c))),
    undeclared: [...new Map(ours.filter((c) => !declaredKeys.has(key(c))).map((c) => [key(c), c])).values()],
  };
}

export async function connectivityFindings(ctx: ValidationContext, root: string): Promise<Finding[]> {
  const input = analyzerInput(ctx.config, renderedManifests(ctx, root));
  const analyzed = await analyzeConnections(ctx.repoRoot, ctx.config, input);
  const { missing, undeclared } = compareConnectivity(declaredConnections(ctx.config), analyzed);
  const manifests = ctx.dirs.find((d) => !d.startsWith(`${ARGOCD_DIR}/`)) ?? '';
  const envFile = environmentFile(ctx.environment);
  return [
    ...missing.map((c) => ({
      severity: 'error' as const,
      environment: ctx.environment,
      file: envFile,
      resource: 'network.edges',
      rule: 'connectivity-declared-but-blocked',
      message: `${describeConnection(c)} is declared but the NetworkPolicies do not allow it`,
      fix: 're-render; if it persists, the network generator drops this edge',
    })),
    ...undeclared.map((c) => ({
      severity: 'error' as const,
      environment: ctx.environment,
      file: manifests,
      resource: 'NetworkPolicy',
      rule: 'connectivity-allowed-but-undeclared',
      message: `${describeConnection(c)} is allowed but not declared in network.edges`,
      fix: 'declare the edge in env.yaml, or remove the policy that opens it',
    })),
  ];
}
