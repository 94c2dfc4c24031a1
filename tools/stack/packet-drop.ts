import { iptables, loopbackRule, loopbackRulesUnavailable, removeTaggedRules } from './loopback-rules.js';

/**
 * A network fault on loopback: packets to one port (or a range) are dropped, not refused, so open connections go
 * silent and new ones hang in SYN, as behind a security-group change or a dead NAT. Root uses iptables; every rule
 * carries RULE_COMMENT, so a run that crashed before its `finally` leaves nothing another run cannot find and remove.
 */
export const RULE_COMMENT = 'platform-fault-packet-drop';

/** Why this machine cannot drop packets, or undefined when it can (root and a working iptables). */
export function packetDropUnavailable(): string | undefined {
  return loopbackRulesUnavailable('dropping packets needs root (iptables)');
}

function ruleSpec(ports: PortRange): string[] {
  const dport = ports.from === ports.to ? String(ports.from) : `${ports.from}:${ports.to}`;
  return loopbackRule(['--dport', dport], RULE_COMMENT, ['DROP']);
}

function ruleExists(spec: string[]): boolean {
  try {
    iptables(['-C', ...spec]);
    return true;
  } catch {
    return false;
  }
}

/** Removes every rule a packet-drop fault added, this run's or a crashed one's; returns how many it removed. */
export function clearPacketDrops(): number {
  if (packetDropUnavailable() !== undefined) return 0;
  return removeTaggedRules(RULE_COMMENT);
}

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

export const port = (p: number): PortRange => ({ from: p, to: p });

/** Starts dropping packets to `ports` on loopback; the returned function heals (idempotent). */
export function dropPackets(ports: PortRange): () => void {
  const unavailable = packetDropUnavailable();
  if (unavailable !== undefined) throw new Error(unavailable);
  const spec = ruleSpec(ports);
  iptables(['-I', ...spec]);
  let healed = false;
  const heal = (): void => {
    if (healed) return;
    healed = true;
    process.off('exit', heal);
    // Already gone when clearPacketDrops ran first; any other failure to remove it is thrown.
    if (ruleExists(spec)) iptables(['-D', ...spec]);
  };
  // A process that exits without reaching the caller's `finally` (an uncaught error, process.exit) still heals.
  process.on('exit', heal);
  return heal;
}

/**
 * Drops packets to `ports` for `forMs`, running `during` meanwhile, and heals whatever happens (a failing `during`
 * included). Resolves with `during`'s result once healed.
 */
export async function withPacketsDropped<T>(
  ports: PortRange,
  forMs: number,
  during: () => Promise<T> = async () => undefined as T,
): Promise<T> {
  const heal = dropPackets(ports);
  try {
    const [result] = await Promise.all([during(), new Promise((resolve) => setTimeout(resolve, forMs))]);
    return result;
  } finally {
    heal();
  }
}
