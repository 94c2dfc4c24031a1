import fs from 'node:fs';
import path from 'node:path';
import type { TrafficShape } from '../../loadtests/events.js';
import type { StackSettings } from '../stack/settings.js';
import type { CapacityResult } from './capacity-phase.js';
import { capacityPhase } from './capacity-phase.js';
import type { Machine } from './report.js';
import { withRoundTripDelay } from './round-trip-delay.js';
import { echoRoundTrip, echoRoundTripDuring, startEchoServer } from './round-trip-probe.js';
import type { BenchSettings } from './settings.js';

/**
 * The round trip `--round-trip-ms` is meant to be given: between two AWS Availability Zones of one region. AWS promises
 * "single-digit millisecond latency" between them and publishes no typical figure; measured pairs lie between about
 * 0.5 and 1.5 ms (docs/performance.md, "Capacity behind a network round trip", has the sources).
 */
export const INTER_AZ_ROUND_TRIP_MS = 1;

/** The ports a client of the stack talks to: every broker's and PostgreSQL's (not the controllers': MSK's own). */
export function delayedPorts(stack: Pick<StackSettings, 'kafkaPort' | 'kafkaBrokers' | 'postgresPort'>): number[] {
  return [...Array.from({ length: stack.kafkaBrokers }, (_, i) => stack.kafkaPort + i), stack.postgresPort];
}

/** reports/bench-round-trip.json: the capacities behind a round trip, and what that round trip measured. */
export interface RoundTripReport {
  readonly machine: Machine;
  readonly quick: boolean;
  readonly startedAt: string;
  readonly commit: string;
  readonly roundTrip: {
    readonly statedMs: number;
    /** An echo through the same delay every ECHO_EVERY_MS while the capacities were measured: what the stack's clients got. */
    readonly measuredP50Ms: number;
    readonly measuredP90Ms: number;
    /** The same echo before the measurement, the machine otherwise quiet: the delay's own floor. */
    readonly beforeP50Ms: number;
    readonly ports: number[];
  };
  readonly api: { readonly eventsPerSec: number; readonly p99Ms: number; readonly cores: number };
  readonly worker: { readonly eventsPerSec: number };
  readonly capacity: CapacityResult['capacity'];
  readonly cpu: Record<string, CapacityResult['singleCpu']>;
}

const ECHO_SAMPLES = 200;
const ECHO_EVERY_MS = 50;

/** Measures the per-replica capacities with the broker's and PostgreSQL's ports `roundTripMs` away. */
export async function measureBehindRoundTrip(
  s: BenchSettings,
  stack: StackSettings,
  shape: () => TrafficShape,
  roundTripMs: number,
  run: { readonly machine: Machine; readonly startedAt: string; readonly commit: string },
  log: (line: string) => void,
): Promise<RoundTripReport> {
  const echo = await startEchoServer();
  try {
    const ports = [...delayedPorts(stack), echo.port];
    log(
      `\n== capacities with ports ${ports.join(', ')} ${roundTripMs} ms of round trip away (an echo on ${echo.port})`,
    );
    return await withRoundTripDelay(ports, roundTripMs, async (delay) => {
      const before = await echoRoundTrip(echo.port, ECHO_SAMPLES);
      log(`  echo round trip before: p50 ${before.p50Ms} ms, p90 ${before.p90Ms} ms`);
      const { result, echo: during } = await echoRoundTripDuring(echo.port, ECHO_EVERY_MS, () =>
        capacityPhase(s, stack, shape, log, { 'round-trip delay': [delay.delayerPid] }),
      );
      log(`  echo round trip during: p50 ${during.p50Ms} ms, p90 ${during.p90Ms} ms (${during.samples} samples)`);
      return {
        ...run,
        quick: s.quick,
        roundTrip: {
          statedMs: roundTripMs,
          measuredP50Ms: during.p50Ms,
          measuredP90Ms: during.p90Ms,
          beforeP50Ms: before.p50Ms,
          ports,
        },
        api: {
          eventsPerSec: result.single.eventsPerSec,
          p99Ms: result.single.p99Ms,
          cores: result.singleCpu.cores.api ?? 0,
        },
        worker: { eventsPerSec: result.drain.eventsPerSec },
        capacity: result.capacity,
        cpu: { 'API, one event per request': result.singleCpu, 'worker drain, 1 replica': result.drain.cpu },
      };
    });
  } finally {
    await echo.close();
  }
}

export const ROUND_TRIP_RUNS_DIR = 'docs/performance/round-trip-runs';

/** Where a run behind a round trip recorded as `label` is kept; refuses a label already taken (checked before a run). */
export function roundTripRunFile(root: string, label: string): string {
  if (!/^[\w.-]+$/.test(label))
    throw new Error(`--record takes a label of letters, digits, '.', '_' and '-', got '${label}'`);
  const file = path.join(root, ROUND_TRIP_RUNS_DIR, `${label}.json`);
  if (fs.existsSync(file)) throw new Error(`${path.relative(root, file)} exists: record under another label`);
  return file;
}

/** Keeps a recorded run behind a round trip as `<label>.json`: the evidence loadtests/capacity.json's source names. */
export function recordRoundTripRun(root: string, label: string, report: RoundTripReport): string {
  if (report.quick) throw new Error('--record keeps full runs only (no --quick)');
  const file = roundTripRunFile(root, label);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  return path.relative(root, file);
}

/** The lines the bench prints at the end of a run behind a round trip. */
export function formatRoundTrip(r: RoundTripReport): string {
  const n = (x: number) => Math.round(x).toLocaleString('en');
  return [
    `round trip to the broker and PostgreSQL: ${r.roundTrip.statedMs} ms stated; measured during the run p50 ` +
      `${r.roundTrip.measuredP50Ms} ms, p90 ${r.roundTrip.measuredP90Ms} ms (p50 ${r.roundTrip.beforeP50Ms} ms before it)`,
    `API, one event per request: ${n(r.api.eventsPerSec)} events/s, p99 ${r.api.p99Ms} ms, ${r.api.cores} of a core`,
    `worker drain, 1 replica: ${n(r.worker.eventsPerSec)} events/s`,
    `capacity (loadtests/capacity.json terms): API ${n(r.capacity.api.eventsPerSecondPerCore)} events/s per core, ` +
      `worker ${n(r.capacity.worker.eventsPerSecondPerReplica)} events/s per replica`,
  ].join('\n');
}
