import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { isAlive } from '../stack/processes.js';
import {
  firstLine,
  iptables,
  loopbackRule,
  loopbackRulesUnavailable,
  removeTaggedRules,
} from '../stack/loopback-rules.js';

/**
 * A network round trip on loopback: every TCP packet to or from the given ports waits half the round trip before the
 * kernel delivers it, so a request and its answer together wait the whole round trip, as between two zones.
 *
 * `tc netem` would do this in the kernel, but the kernel this project is measured on is built without sch_netem (and
 * without sch_prio, so no port filter could pick the packets either) and loads no modules. Instead one iptables rule
 * (OUTPUT on `lo`: on loopback both directions of a connection leave through it) queues the ports' packets to an
 * NFQUEUE, and `nfqueue-delay.py` accepts each packet half the round trip after it arrived. `--queue-bypass` lets
 * packets through undelayed whenever nothing holds the queue, so a rule left by a killed run never silences a port.
 *
 * The rule carries RULE_COMMENT and the run that holds it is written to STATE_FILE, so a rule or a delaying process
 * left by a run that was killed is found and removed by the next one; a run still alive is refused, not undone.
 */
export const RULE_COMMENT = 'platform-round-trip-delay';
/** Any queue number no other tool here uses; one delay at a time, so one number. */
export const QUEUE_NUM = 4711;
/** Above this a round trip is no hop inside a region, and a drain of the full backlog would outlast its 600 s wait. */
export const MAX_ROUND_TRIP_MS = 20;
export const STATE_FILE = path.join(os.tmpdir(), 'platform-round-trip-delay.json');
const DELAYER = path.join(path.dirname(fileURLToPath(import.meta.url)), 'nfqueue-delay.py');

/** `--round-trip-ms`: a positive number of milliseconds (fractions allowed), at most MAX_ROUND_TRIP_MS. */
export function parseRoundTripMs(raw: string): number {
  const ms = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw.trim()) || !(ms > 0) || ms > MAX_ROUND_TRIP_MS)
    throw new Error(
      `--round-trip-ms takes a round trip in milliseconds, above 0 and at most ${MAX_ROUND_TRIP_MS}, got '${raw}'`,
    );
  return ms;
}

/** Each packet waits half the round trip: the request's packets on the way out, the answer's on the way back. */
export function oneWayDelayMicros(roundTripMs: number): number {
  return Math.round((roundTripMs * 1000) / 2);
}

/** The iptables rule (after -A, -C or -D) that queues every TCP packet from or to `ports` on loopback. Pure. */
export function delayRuleSpec(ports: readonly number[]): string[] {
  if (ports.length === 0 || ports.length > 15 || ports.some((p) => !Number.isInteger(p) || p < 1 || p > 65535))
    throw new Error(`a round-trip delay takes 1 to 15 TCP ports, got [${ports.join(', ')}]`);
  // --ports matches a packet whose source or destination port is listed: both directions of each connection.
  const match = ['-m', 'multiport', '--ports', [...ports].sort((a, b) => a - b).join(',')];
  return loopbackRule(match, RULE_COMMENT, ['NFQUEUE', '--queue-num', String(QUEUE_NUM), '--queue-bypass']);
}

/** The delaying process's command line for a round trip. Pure. */
export function delayerCommand(roundTripMs: number): string[] {
  return ['python3', DELAYER, String(QUEUE_NUM), String(oneWayDelayMicros(roundTripMs))];
}

/** Why this machine cannot delay loopback ports, or undefined when it can (root, iptables, python3). */
export function roundTripDelayUnavailable(): string | undefined {
  const unavailable = loopbackRulesUnavailable('delaying loopback ports needs root (an iptables NFQUEUE rule)');
  if (unavailable !== undefined) return unavailable;
  try {
    execFileSync('python3', ['--version'], { stdio: 'ignore' });
  } catch {
    return 'python3 is not installed (it runs tools/bench/nfqueue-delay.py, which holds the delayed packets)';
  }
  return undefined;
}

interface State {
  readonly pid: number;
  readonly delayerPid: number;
  readonly ports: number[];
  readonly roundTripMs: number;
}

function readState(): State | undefined {
  try {
    return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8')) as State;
  } catch {
    return undefined;
  }
}

/**
 * Removes what a run that is no longer alive left (its rules, its delaying process, its state file); refuses while the
 * run that wrote the state file is alive. Returns how many rules it removed.
 */
export function clearRoundTripDelays(): number {
  const state = readState();
  if (state !== undefined && state.pid !== process.pid && isAlive(state.pid))
    throw new Error(
      `process ${state.pid} is delaying loopback ports ${state.ports.join(', ')} by ${state.roundTripMs} ms round trips; ` +
        `wait for it to finish (or stop it, and this run removes what it left)`,
    );
  if (state !== undefined && isAlive(state.delayerPid)) process.kill(state.delayerPid, 'SIGTERM');
  const removed = removeTaggedRules(RULE_COMMENT);
  fs.rmSync(STATE_FILE, { force: true });
  return removed;
}

function startDelayer(roundTripMs: number): Promise<ChildProcess> {
  const [command, ...args] = delayerCommand(roundTripMs);
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`nfqueue-delay.py did not bind queue ${QUEUE_NUM} within 10 s: ${stderr.trim()}`));
    }, 10_000);
    child.stdout.on('data', (chunk: Buffer) => {
      if (!chunk.toString().includes('ready')) return;
      clearTimeout(timer);
      resolve(child);
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(
        new Error(`nfqueue-delay.py exited (${signal ?? code}) before binding queue ${QUEUE_NUM}: ${stderr.trim()}`),
      );
    });
  });
}

/** A delay in place: what removes it (idempotent), and the process holding the packets (whose CPU it costs). */
export interface RoundTripDelay {
  readonly remove: () => void;
  readonly delayerPid: number;
  /** Why the delay stopped applying before it was removed (the delaying process exited), or undefined. */
  readonly lapsed: () => string | undefined;
}

/**
 * Delays every packet to and from `ports` on loopback so that each round trip takes `roundTripMs` more; resolves once
 * it applies. The delay is also removed when the process exits or is stopped
 * with SIGINT or SIGTERM; a SIGKILLed run's leftovers are removed by the next run (the delaying process dies with it).
 */
export async function delayRoundTrips(ports: readonly number[], roundTripMs: number): Promise<RoundTripDelay> {
  const unavailable = roundTripDelayUnavailable();
  if (unavailable !== undefined) throw new Error(unavailable);
  const spec = delayRuleSpec(ports);
  clearRoundTripDelays();
  const delayer = await startDelayer(roundTripMs);
  const state: State = { pid: process.pid, delayerPid: delayer.pid!, ports: [...ports], roundTripMs };
  fs.writeFileSync(STATE_FILE, `${JSON.stringify(state)}\n`);
  const stopDelayer = (): void => {
    delayer.kill('SIGTERM');
    fs.rmSync(STATE_FILE, { force: true });
  };
  try {
    iptables(['-A', ...spec]);
  } catch (error) {
    stopDelayer();
    throw new Error(`iptables could not queue ports ${ports.join(', ')} to NFQUEUE ${QUEUE_NUM}: ${firstLine(error)}`, {
      cause: error,
    });
  }
  let removed = false;
  let lapsed: string | undefined;
  // --queue-bypass lets packets through undelayed once nothing holds the queue: a measurement would go on, wrong.
  delayer.once('exit', (code, signal) => {
    if (!removed) lapsed = `the delaying process (nfqueue-delay.py) exited (${signal ?? code}) while the delay was on`;
  });
  const remove = (): void => {
    if (removed) return;
    removed = true;
    process.off('exit', remove);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    // The rule first, so no packet is queued once the process that holds them has gone; it accepts what it holds.
    try {
      iptables(['-D', ...spec]);
    } finally {
      stopDelayer();
    }
  };
  // Node's default SIGINT and SIGTERM end the process without 'exit' handlers: remove, then let the signal act.
  function onSignal(signal: NodeJS.Signals): void {
    remove();
    process.kill(process.pid, signal);
  }
  process.on('exit', remove);
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  return { remove, delayerPid: delayer.pid!, lapsed: () => lapsed };
}

/**
 * Runs `during` with `ports` delayed by `roundTripMs` round trips, and removes the delay whatever happens; fails when
 * the delay stopped applying before `during` finished, since what `during` measured was then partly undelayed.
 */
export async function withRoundTripDelay<T>(
  ports: readonly number[],
  roundTripMs: number,
  during: (delay: RoundTripDelay) => Promise<T>,
): Promise<T> {
  const delay = await delayRoundTrips(ports, roundTripMs);
  try {
    const result = await during(delay);
    const lapsed = delay.lapsed();
    if (lapsed !== undefined) throw new Error(`${lapsed}: what ran meanwhile was partly not delayed`);
    return result;
  } finally {
    delay.remove();
  }
}
