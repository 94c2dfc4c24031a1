import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { NODE_NETWORK, createNodeNetwork, removeNodeNetwork } from './node-network.js';

// The node's bridge carries the node's own addresses (the API server's, the stand-ins'), which every pod reaches by
// ARP. A Linux bridge without an address of its own takes the lowest of its ports' MAC addresses, so a pod that starts
// or is killed can change the MAC behind those addresses, and every other pod keeps sending to the old one until its
// neighbour entry expires: tens of seconds of lost packets (Kafka requests answered a minute late, PostgreSQL
// connections timing out) after each pod start or kill.

function bridgeMac(): string {
  return fs.readFileSync(`/sys/class/net/${NODE_NETWORK.bridge}/address`, 'utf8').trim();
}

/** A veth pair whose host end, with the given MAC, is a port of the bridge, as the CNI plugin attaches a pod. */
function attachPort(name: string, mac: string): void {
  execFileSync('ip', ['link', 'add', name, 'address', mac, 'type', 'veth', 'peer', 'name', `${name}p`]);
  execFileSync('ip', ['link', 'set', name, 'master', NODE_NETWORK.bridge]);
  execFileSync('ip', ['link', 'set', name, 'up']);
}

afterAll(() => {
  for (const port of ['dchklow', 'dchkhigh']) {
    try {
      execFileSync('ip', ['link', 'del', port], { stdio: 'ignore' });
    } catch {
      // Deleted by the test.
    }
  }
  removeNodeNetwork();
});

describe('the node network', () => {
  it('keeps the MAC address behind the node and the stand-ins while pods come and go', () => {
    createNodeNetwork();
    const before = bridgeMac();
    attachPort('dchklow', '02:00:00:00:00:01');
    attachPort('dchkhigh', 'fe:ff:ff:ff:ff:fe');
    expect(bridgeMac()).toBe(before);
    execFileSync('ip', ['link', 'del', 'dchklow']);
    expect(bridgeMac()).toBe(before);
    execFileSync('ip', ['link', 'del', 'dchkhigh']);
    expect(bridgeMac()).toBe(before);
  });
});
