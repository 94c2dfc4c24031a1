import { parseArgs } from 'node:util';

/** What `drills chaos|restore [flags]` was asked to do; absent flags keep the caller's defaults. */
export type DrillCommand =
  | {
      readonly kind: 'chaos';
      readonly durationSeconds?: number;
      readonly workerMode?: 'before' | 'after';
      readonly ratePerSecond?: number;
      readonly kills?: number;
      readonly seed?: number;
      readonly reportDir?: string;
    }
  | { readonly kind: 'restore'; readonly events?: number; readonly reportDir?: string };

export const USAGE = `usage:
  chaos   [--duration S] [--worker-mode before|after] [--rate EVENTS_PER_S] [--kills N] [--seed N] [--report-dir DIR]
  restore [--events N] [--report-dir DIR]`;

function positiveInteger(name: string, raw: string | undefined, max: number): number | undefined {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1 || value > max)
    throw new Error(`--${name} must be an integer from 1 to ${max}, got '${raw}'`);
  return value;
}

/** Parses the command line of the drill runner (the same in the image and locally); throws with the usage on error. */
export function parseDrillArgs(argv: readonly string[]): DrillCommand {
  const [kind, ...rest] = argv;
  try {
    if (kind === 'chaos') {
      const { values } = parseArgs({
        args: rest,
        strict: true,
        options: {
          duration: { type: 'string' },
          'worker-mode': { type: 'string' },
          rate: { type: 'string' },
          kills: { type: 'string' },
          seed: { type: 'string' },
          'report-dir': { type: 'string' },
        },
      });
      const mode = values['worker-mode'];
      if (mode !== undefined && mode !== 'before' && mode !== 'after')
        throw new Error(`--worker-mode must be before or after, got '${mode}'`);
      return {
        kind,
        durationSeconds: positiveInteger('duration', values.duration, 86_400),
        workerMode: mode,
        ratePerSecond: positiveInteger('rate', values.rate, 10_000),
        kills: positiveInteger('kills', values.kills, 100),
        seed: positiveInteger('seed', values.seed, 2 ** 31),
        reportDir: values['report-dir'],
      };
    }
    if (kind === 'restore') {
      const { values } = parseArgs({
        args: rest,
        strict: true,
        options: { events: { type: 'string' }, 'report-dir': { type: 'string' } },
      });
      return { kind, events: positiveInteger('events', values.events, 100_000_000), reportDir: values['report-dir'] };
    }
    throw new Error(kind === undefined ? 'no drill named' : `unknown drill '${kind}'`);
  } catch (error) {
    throw new Error(`${(error as Error).message}\n${USAGE}`, { cause: error });
  }
}
