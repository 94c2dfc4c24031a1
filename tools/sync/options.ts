import { parseArgs } from 'node:util';

export interface SyncCheckOptions {
  /** Environments to rehearse; every environment of the working tree when empty. */
  readonly environments: string[];
  /** A revision whose committed output is synced first; none by default (a first sync of an empty cluster). */
  readonly base?: string;
  /** Seconds each side of a rehearsal may take to settle. */
  readonly timeoutSeconds: number;
  /** Where the JSON report goes. */
  readonly report: string;
  /** Leave the last environment's cluster running for a look with kubectl, until Ctrl-C. */
  readonly keep: boolean;
}

export const USAGE = `usage: npm run sync:check -- [--env E]... [--base REV] [--timeout SECONDS] [--report FILE]
  --env E          rehearse this environment (repeat for more; default: every environment)
  --base REV       sync REV's committed output first, then the working tree's, as a merge reaches a live cluster
  --timeout S      seconds each sync may take to settle (default 300)
  --report FILE    the JSON report (default reports/sync-check.json)
  --keep           leave each cluster running after its rehearsal (prints its KUBECONFIG) until Ctrl-C`;

export function parseSyncCheckOptions(argv: string[]): SyncCheckOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      env: { type: 'string', multiple: true, default: [] },
      base: { type: 'string' },
      timeout: { type: 'string', default: '300' },
      report: { type: 'string', default: 'reports/sync-check.json' },
      keep: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const timeoutSeconds = Number(values.timeout);
  if (!Number.isInteger(timeoutSeconds) || timeoutSeconds < 1) {
    throw new Error(`--timeout must be a positive number of seconds, got '${values.timeout}'`);
  }
  if (values.base === '') throw new Error('--base needs a revision');
  return { environments: values.env, base: values.base, timeoutSeconds, report: values.report, keep: values.keep };
}
