import { parseArgs } from 'node:util';
import type { ProfileName } from './profiles.js';
import { BOUNDS, PROFILE_NAMES } from './profiles.js';
import type { Limits } from './thresholds.js';
import { SLO_LIMITS } from './thresholds.js';

export interface LoadOptions {
  readonly profile: ProfileName;
  /** Absent: start the local platform (stack, API, worker) and check the ledger afterwards. */
  readonly target: string | undefined;
  readonly allowRemote: boolean;
  /** A file holding the token presented to the API (`Authorization: Bearer`); absent: none (the local stack). */
  readonly tokenFile: string | undefined;
  readonly rate: number | undefined;
  readonly durationS: number | undefined;
  readonly accounts: number;
  readonly eventsPerRequest: number;
  readonly connections: number;
  readonly timeoutMs: number;
  readonly limits: Limits;
  readonly minKneeRate: number;
  readonly output: string;
  /** Local platform only. */
  readonly partitions: number;
  readonly workers: number;
  readonly quiet: boolean;
}

export const USAGE = `usage: npm run load -- --profile ${PROFILE_NAMES.join('|')} [options]
  --target URL          the API to load (default: start the local platform and check the ledger afterwards)
  --allow-remote        allow a target that is not on loopback
  --token-file FILE     present the token in FILE to the API (Authorization: Bearer), as a cluster's API requires
  --rate N              arrivals per second: steady (smoke, soak), peak (ramp, spike), ceiling (breakpoint)
  --duration S          seconds: the run (smoke, ramp, soak), the flood (spike), each step (breakpoint)
  --batch N             events per request (1: POST /events; more: POST /events/batch); default 1
  --accounts N          synthetic accounts the events spread over (default 1000)
  --connections N       HTTP connections (default 256)
  --timeout-ms MS       a request without an answer after this counts as a timeout (default 10000)
  --p95-ms MS, --p99-ms MS, --max-error-ratio R   thresholds (default the SLOs: 200, 500, 0.01)
  --min-knee N          breakpoint: the knee must reach this rate (default 10000)
  --partitions N, --workers N   local platform: topic partitions (default 4) and worker replicas (default 1)
  --output FILE         the JSON report (default reports/load-<profile>.json)
  --quiet               no per-second progress`;

function number(name: string, raw: string | undefined, min: number, max: number, integer = true): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min || value > max)
    throw new Error(`--${name} must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got '${raw}'`);
  return value;
}

export function parseLoadOptions(argv: string[]): LoadOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      profile: { type: 'string' },
      target: { type: 'string' },
      'allow-remote': { type: 'boolean', default: false },
      'token-file': { type: 'string' },
      rate: { type: 'string' },
      duration: { type: 'string' },
      batch: { type: 'string' },
      accounts: { type: 'string' },
      connections: { type: 'string' },
      'timeout-ms': { type: 'string' },
      'p95-ms': { type: 'string' },
      'p99-ms': { type: 'string' },
      'max-error-ratio': { type: 'string' },
      'min-knee': { type: 'string' },
      partitions: { type: 'string' },
      workers: { type: 'string' },
      output: { type: 'string' },
      quiet: { type: 'boolean', default: false },
    },
  });
  const profile = values.profile;
  if (!profile || !(PROFILE_NAMES as readonly string[]).includes(profile))
    throw new Error(`--profile must be one of ${PROFILE_NAMES.join(', ')}${profile ? `, got '${profile}'` : ''}`);
  const partitions = number('partitions', values.partitions, 1, 64) ?? 4;
  const workers = number('workers', values.workers, 1, 64) ?? 1;
  if (workers > partitions)
    throw new Error(`--workers ${workers} exceeds --partitions ${partitions}: the rest would idle`);
  return {
    profile: profile as ProfileName,
    target: values.target,
    allowRemote: values['allow-remote'],
    tokenFile: values['token-file'],
    rate: number('rate', values.rate, 1, BOUNDS.maxRate),
    durationS: number('duration', values.duration, 1, BOUNDS.maxDurationS),
    accounts: number('accounts', values.accounts, 1, 1_000_000) ?? 1000,
    eventsPerRequest: number('batch', values.batch, 1, 500) ?? 1,
    connections: number('connections', values.connections, 1, 10_000) ?? 256,
    timeoutMs: number('timeout-ms', values['timeout-ms'], 100, 600_000) ?? 10_000,
    limits: {
      p95Ms: number('p95-ms', values['p95-ms'], 0, 600_000, false) ?? SLO_LIMITS.p95Ms,
      p99Ms: number('p99-ms', values['p99-ms'], 0, 600_000, false) ?? SLO_LIMITS.p99Ms,
      maxErrorRatio: number('max-error-ratio', values['max-error-ratio'], 0, 1, false) ?? SLO_LIMITS.maxErrorRatio,
    },
    minKneeRate: number('min-knee', values['min-knee'], 0, BOUNDS.maxRate) ?? 10_000,
    output: values.output ?? `reports/load-${profile}.json`,
    partitions,
    workers,
    quiet: values.quiet,
  };
}
