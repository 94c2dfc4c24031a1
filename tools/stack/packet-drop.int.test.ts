import { execFileSync } from 'node:child_process';
import net from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../local/ports.js';
import { RULE_COMMENT, clearPacketDrops, dropPackets, packetDropUnavailable, port } from './packet-drop.js';
import { portAcceptsConnections } from './processes.js';

const unavailable = packetDropUnavailable();
const ourRules = (): string[] =>
  execFileSync('iptables', ['-S', 'OUTPUT'], { encoding: 'utf8' })
    .split('\n')
    .filter((l) => l.includes(RULE_COMMENT));

// Root with iptables (CI's runner, the dev container); elsewhere the network faults cannot run at all.
describe.skipIf(unavailable !== undefined)('a packet drop on loopback', () => {
  const server = net.createServer((socket) => socket.end());
  let listening = 0;
  beforeAll(async () => {
    listening = await freePort();
    await new Promise<void>((resolve) => server.listen(listening, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    clearPacketDrops();
    await new Promise((resolve) => server.close(resolve));
  });

  it('makes a listening port silent (a connection attempt times out, it is not refused) until healed', async () => {
    const heal = dropPackets(port(listening));
    try {
      expect(await portAcceptsConnections(listening)).toBe(false);
      expect(ourRules()).toHaveLength(1);
    } finally {
      heal();
    }
    expect(ourRules()).toStrictEqual([]);
    expect(await portAcceptsConnections(listening)).toBe(true);
  });

  it('removes the rules a crashed run left behind, found by their comment, and only those', () => {
    execFileSync('iptables', ['-A', 'OUTPUT', '-o', 'lo', '-p', 'tcp', '--dport', '1', '-j', 'ACCEPT']);
    try {
      dropPackets(port(listening));
      dropPackets({ from: listening, to: listening + 1 });
      expect(clearPacketDrops()).toBe(2);
      expect(ourRules()).toStrictEqual([]);
      expect(execFileSync('iptables', ['-S', 'OUTPUT'], { encoding: 'utf8' })).toMatch(/--dport 1 -j ACCEPT/);
    } finally {
      execFileSync('iptables', ['-D', 'OUTPUT', '-o', 'lo', '-p', 'tcp', '--dport', '1', '-j', 'ACCEPT']);
    }
  });
});
