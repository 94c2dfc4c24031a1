import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../local/ports.js';
import {
  RULE_COMMENT,
  STATE_FILE,
  clearRoundTripDelays,
  delayRoundTrips,
  delayRuleSpec,
  roundTripDelayUnavailable,
  withRoundTripDelay,
} from './round-trip-delay.js';

const ROUND_TRIP_MS = 40;
const unavailable = roundTripDelayUnavailable();
const outputRules = (): string => execFileSync('iptables', ['-S', 'OUTPUT'], { encoding: 'utf8' });

/** Milliseconds to connect to `port`, then to send a byte and read it back: each is one round trip. */
async function connectAndEcho(port: number): Promise<{ connectMs: number; echoMs: number }> {
  const started = performance.now();
  const socket = net.connect(port, '127.0.0.1');
  socket.setNoDelay(true);
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('error', reject));
  const connected = performance.now();
  socket.write('x');
  await new Promise((resolve) => socket.once('data', resolve));
  const echoed = performance.now();
  socket.destroy();
  return { connectMs: connected - started, echoMs: echoed - connected };
}

/** The fastest of three: a loaded machine only adds time, so the least is the closest to what the network costs. */
async function fastest(port: number): Promise<{ connectMs: number; echoMs: number }> {
  const runs = [await connectAndEcho(port), await connectAndEcho(port), await connectAndEcho(port)];
  return {
    connectMs: Math.min(...runs.map((r) => r.connectMs)),
    echoMs: Math.min(...runs.map((r) => r.echoMs)),
  };
}

// Root with iptables and python3 (CI's runner, the dev container). Integration project: its files run one at a time,
// so the packet-drop faults on loopback never share the OUTPUT chain with this one.
describe.skipIf(unavailable !== undefined)('a round-trip delay on loopback ports', () => {
  const echo = () => net.createServer((socket) => socket.pipe(socket));
  const delayed = echo();
  const other = echo();
  let delayedPort = 0;
  let otherPort = 0;
  beforeAll(async () => {
    [delayedPort, otherPort] = [await freePort(), await freePort()];
    await new Promise<void>((resolve) => delayed.listen(delayedPort, '127.0.0.1', resolve));
    await new Promise<void>((resolve) => other.listen(otherPort, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => delayed.close(resolve));
    await new Promise((resolve) => other.close(resolve));
  });

  it('makes each round trip to a delayed port take at least the stated time, leaves other ports alone, and goes', async () => {
    const before = outputRules();
    const { remove } = await delayRoundTrips([delayedPort], ROUND_TRIP_MS);
    try {
      const slow = await fastest(delayedPort);
      const fast = await fastest(otherPort);
      expect(slow.connectMs).toBeGreaterThanOrEqual(ROUND_TRIP_MS);
      expect(slow.echoMs).toBeGreaterThanOrEqual(ROUND_TRIP_MS);
      // Not so much more that it would be two round trips each (a delay applied twice).
      expect(slow.echoMs).toBeLessThan(2 * ROUND_TRIP_MS);
      expect(fast.connectMs).toBeLessThan(ROUND_TRIP_MS / 2);
      expect(fast.echoMs).toBeLessThan(ROUND_TRIP_MS / 2);
    } finally {
      remove();
    }
    expect(outputRules()).toBe(before);
    expect(fs.existsSync(STATE_FILE)).toBe(false);
    expect((await fastest(delayedPort)).echoMs).toBeLessThan(ROUND_TRIP_MS / 2);
  });

  it("removes a killed run's rule before it delays, and refuses while the run that holds the delay is alive", async () => {
    execFileSync('iptables', ['-w', '5', '-A', ...delayRuleSpec([otherPort])]);
    const { remove } = await delayRoundTrips([delayedPort], ROUND_TRIP_MS);
    try {
      const ours = outputRules()
        .split('\n')
        .filter((line) => line.includes(RULE_COMMENT));
      expect(ours).toHaveLength(1);
      expect(ours[0]).toContain(`--ports ${delayedPort}`);
      // The state file names this process as the holder: a run in another process must not undo it.
      const holder = JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as { pid: number };
      fs.writeFileSync(STATE_FILE, JSON.stringify({ ...holder, pid: process.ppid }));
      expect(() => clearRoundTripDelays()).toThrow(`process ${process.ppid} is delaying loopback ports ${delayedPort}`);
      fs.writeFileSync(STATE_FILE, JSON.stringify(holder));
    } finally {
      remove();
    }
    expect(outputRules()).not.toContain(RULE_COMMENT);
  });

  it('fails a measurement whose delaying process died, and the port it held still answers, undelayed', async () => {
    const before = outputRules();
    await expect(
      withRoundTripDelay([delayedPort], ROUND_TRIP_MS, async ({ delayerPid }) => {
        process.kill(delayerPid, 'SIGKILL');
        await new Promise((resolve) => setTimeout(resolve, 200));
        expect((await fastest(delayedPort)).echoMs).toBeLessThan(ROUND_TRIP_MS / 2);
      }),
    ).rejects.toThrow(/nfqueue-delay.py\) exited \(SIGKILL\) while the delay was on/);
    expect(outputRules()).toBe(before);
  });
});
