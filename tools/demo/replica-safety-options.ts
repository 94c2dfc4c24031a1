import { parseArgs } from 'node:util';

export interface ScaleStep {
  /** When, as a fraction of the sending window (0 = start, 1 = last event sent). */
  readonly at: number;
  readonly replicas: number;
}

export interface DemoOptions {
  readonly mode: 'before' | 'after';
  readonly events: number;
  readonly accounts: number;
  readonly partitions: number;
  readonly concurrency: number;
  /** The sending window: events are spread over this many milliseconds. */
  readonly sendMs: number;
  readonly scaleSteps: ScaleStep[];
  /** When to SIGKILL a replica (and start its replacement), as fractions of the sending window. */
  readonly killsAt: number[];
  readonly output: string;
}

export const USAGE = `usage: npm run demo:replica-safety -- --mode before|after [options]
  --events N          events sent through the API (default 3000)
  --accounts N        accounts the events are spread over (default 50)
  --partitions N      partitions of the events topic (default 6)
  --concurrency N     concurrent HTTP clients (default 16)
  --send-ms MS        sending window in milliseconds (default 20000)
  --scale AT:N,...    replica count over the window, e.g. 0:1,0.25:2,0.5:5 (the default)
  --kill-at AT,...    SIGKILL a replica at these fractions of the window (default 0.6,0.75,0.9)
  --output FILE       where to write the JSON evidence (default reports/replica-safety-<mode>.json)`;

function positiveInteger(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive integer, got '${raw}'`);
  return value;
}

function fraction(raw: string, what: string): number {
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1)
    throw new Error(`${what}: '${raw}' is not a fraction from 0 to 1`);
  return value;
}

export function parseScale(raw: string, partitions: number): ScaleStep[] {
  const steps = raw.split(',').map((part) => {
    const [at, replicas] = part.split(':');
    const count = Number(replicas);
    if (at === undefined || !Number.isInteger(count) || count < 1)
      throw new Error(`--scale: '${part}' is not AT:REPLICAS`);
    if (count > partitions)
      throw new Error(`--scale: ${count} replicas exceed the ${partitions} partitions; the extra ones would idle`);
    return { at: fraction(at, '--scale'), replicas: count };
  });
  return steps.sort((a, b) => a.at - b.at);
}

export function parseDemoOptions(argv: string[]): DemoOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      mode: { type: 'string' },
      events: { type: 'string' },
      accounts: { type: 'string' },
      partitions: { type: 'string' },
      concurrency: { type: 'string' },
      'send-ms': { type: 'string' },
      scale: { type: 'string' },
      'kill-at': { type: 'string' },
      output: { type: 'string' },
    },
  });
  if (values.mode !== 'before' && values.mode !== 'after')
    throw new Error(`--mode must be before or after, got '${values.mode ?? ''}'`);
  const partitions = positiveInteger('partitions', values.partitions, 6);
  return {
    mode: values.mode,
    events: positiveInteger('events', values.events, 3000),
    accounts: positiveInteger('accounts', values.accounts, 50),
    partitions,
    concurrency: positiveInteger('concurrency', values.concurrency, 16),
    sendMs: positiveInteger('send-ms', values['send-ms'], 20_000),
    scaleSteps: parseScale(values.scale ?? '0:1,0.25:2,0.5:5', partitions),
    killsAt: (values['kill-at'] ?? '0.6,0.75,0.9')
      .split(',')
      .filter((s) => s !== '')
      .map((s) => fraction(s, '--kill-at'))
      .sort(),
    output: values.output ?? `reports/replica-safety-${values.mode}.json`,
  };
}
