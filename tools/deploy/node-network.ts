import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

/**
 * The node's pod network: one Linux bridge whose address is the node's, the gateway of the pods' subnet and where
 * the host-side stand-ins listen (pods cannot reach the host's loopback). Debian's bridge CNI plugin attaches each pod
 * to it; kube-proxy's Service rules and the pods' masquerade are iptables rules in the host's tables.
 */
export const NODE_NETWORK = {
  bridge: 'deploychk0',
  nodeIp: '10.244.0.1',
  // Locally administered (02:…) and fixed: a bridge without its own address takes its lowest port's, so each pod
  // started or killed could move the MAC behind the node's addresses and cut every other pod off from the API server
  // and the stand-ins until its ARP entry expired (tens of seconds).
  bridgeMac: '02:0a:f4:00:00:01',
  podSubnet: '10.244.0.0/24',
  // Pods get addresses up to here; those above are the host-side stand-ins' (standInAddress), never a pod's.
  podRangeEnd: '10.244.0.249',
  serviceRange: '10.96.0.0/16',
} as const;

function run(command: string, args: string[]): string {
  return execFileSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function tryRun(command: string, args: string[]): boolean {
  try {
    run(command, args);
    return true;
  } catch {
    return false;
  }
}

/** The node-network address of stand-in `n` (1, 2, …): above the pods' range, so no pod is ever given it. */
export function standInAddress(n: number): string {
  return NODE_NETWORK.nodeIp.replace(/\.1$/, `.${250 + n}`);
}

/** Creates the bridge with the node's address and turns on forwarding (pods reach Services through the host). */
export function createNodeNetwork(): void {
  removeNodeNetwork();
  run('ip', ['link', 'add', 'name', NODE_NETWORK.bridge, 'address', NODE_NETWORK.bridgeMac, 'type', 'bridge']);
  run('ip', ['addr', 'add', `${NODE_NETWORK.nodeIp}/24`, 'dev', NODE_NETWORK.bridge]);
  run('ip', ['link', 'set', NODE_NETWORK.bridge, 'up']);
  fs.writeFileSync('/proc/sys/net/ipv4/ip_forward', '1\n');
  // kube-proxy's rules must see traffic between two pods of the bridge, or a pod calling a Service whose endpoint is
  // on the same bridge gets its answer from the pod's address and drops it.
  const bridgeNetfilter = '/proc/sys/net/bridge/bridge-nf-call-iptables';
  if (!fs.existsSync(bridgeNetfilter)) {
    throw new Error(
      `${bridgeNetfilter} is missing: the kernel's br_netfilter module is needed (modprobe br_netfilter)`,
    );
  }
  fs.writeFileSync(bridgeNetfilter, '1\n');
}

/** The CNI configuration (a conflist) for Debian's plugins: the bridge above, host-local addresses, loopback. */
export function cniConfig(ipamDir: string): string {
  return JSON.stringify(
    {
      cniVersion: '1.0.0',
      name: 'deploy-check',
      plugins: [
        {
          type: 'bridge',
          bridge: NODE_NETWORK.bridge,
          isGateway: true,
          ipMasq: true,
          hairpinMode: true,
          ipam: {
            type: 'host-local',
            dataDir: ipamDir,
            ranges: [
              [{ subnet: NODE_NETWORK.podSubnet, gateway: NODE_NETWORK.nodeIp, rangeEnd: NODE_NETWORK.podRangeEnd }],
            ],
            routes: [{ dst: '0.0.0.0/0' }],
          },
        },
        { type: 'portmap', capabilities: { portMappings: true } },
      ],
    },
    null,
    2,
  );
}

/**
 * The arguments of one line of `iptables -S`: words, and double-quoted strings (with backslash escapes) as one
 * argument each, as iptables prints comments (`--comment "kubernetes service portals"`).
 */
export function ruleArguments(rule: string): string[] {
  const args: string[] = [];
  const word = /"((?:[^"\\]|\\.)*)"|(\S+)/g;
  for (const m of rule.matchAll(word)) args.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, '$1') : m[2]!);
  return args;
}

/** Chains kubelet, kube-proxy and the CNI plugins add to the host's tables, by prefix. */
const OWN_CHAIN = /^(KUBE-|CNI-)/;

/**
 * Removes every rule that jumps to, and every chain named like, the node's own chains (KUBE-*, CNI-*) in the filter,
 * nat and mangle tables: kubelet and kube-proxy leave theirs when they stop, and the next run (or anything else on
 * the machine: KUBE-FIREWALL drops traffic to 127.0.0.0/8 from other addresses) would inherit them.
 */
export function removeNodeRules(): void {
  for (const table of ['filter', 'nat', 'mangle']) {
    let rules: string[];
    try {
      rules = run('iptables', ['-w', '-t', table, '-S']).split('\n');
    } catch {
      continue;
    }
    for (const rule of rules) {
      const jump = /^-A (\S+) .*-j (\S+)/.exec(rule);
      if (jump && !OWN_CHAIN.test(jump[1]!) && OWN_CHAIN.test(jump[2]!)) {
        tryRun('iptables', ['-w', '-t', table, '-D', ...ruleArguments(rule).slice(1)]);
      }
    }
    const chains = rules.map((r) => /^-N (\S+)/.exec(r)?.[1]).filter((c): c is string => !!c && OWN_CHAIN.test(c));
    for (const chain of chains) tryRun('iptables', ['-w', '-t', table, '-F', chain]);
    for (const chain of chains) tryRun('iptables', ['-w', '-t', table, '-X', chain]);
  }
}

/** Deletes the bridge (its pods' veth ends go with their network namespaces) and the node's iptables rules. */
export function removeNodeNetwork(): void {
  tryRun('ip', ['link', 'del', NODE_NETWORK.bridge]);
  removeNodeRules();
}
