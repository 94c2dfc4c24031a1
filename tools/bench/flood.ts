import type { LocalPlatform } from '../local/platform.js';
import type { TrafficShape } from '../../loadtests/events.js';
import type { LoadLedgerVerdict } from '../../loadtests/ledger.js';
import { checkLoadLedger } from '../../loadtests/ledger.js';
import { planFor } from '../../loadtests/profiles.js';
import type { LoadSettings } from '../../loadtests/run.js';
import { judge, runLoad } from '../../loadtests/run.js';
import type { Threshold } from '../../loadtests/thresholds.js';
import { SLO_LIMITS } from '../../loadtests/thresholds.js';
import type { MemoryCgroup } from '../local/memory-cgroup.js';
import { residentMemoryMiB } from './processes.js';

export interface FloodResult {
  readonly ratePerSec: number;
  readonly seconds: number;
  readonly sent: number;
  readonly status: Record<string, number>;
  readonly accepted: number;
  readonly shed: number;
  /** 5xx answers without Retry-After: never allowed. */
  readonly serverErrors: number;
  readonly latencyMs: { p50: number; p95: number; p99: number; max: number };
  /** The API process's resident memory before the flood and at its peak (VmHWM) by the end of it. */
  readonly baselineRssMiB: number;
  readonly peakRssMiB: number;
  /** Kills by the kernel for outgrowing the pod's memory limit; null where the limit could not be applied. */
  readonly oomKills?: number | null;
  readonly ledger: LoadLedgerVerdict;
  readonly thresholds: Threshold[];
  readonly ok: boolean;
}

/**
 * The spike profile against a freshly started API (so its peak RSS is the flood's), then the ledger once the workers
 * drained it: shedding is allowed, a 5xx without Retry-After or a lost 2xx event is not.
 */
export async function flood(
  platform: LocalPlatform,
  api: { readonly url: string; readonly pid: number; readonly memory: MemoryCgroup | undefined },
  shape: TrafficShape,
  ratePerSec: number,
  seconds: number,
  connections: number,
): Promise<FloodResult> {
  const pid = api.pid;
  const baseline = residentMemoryMiB(pid);
  const settings: LoadSettings = {
    origin: new URL(api.url),
    plan: planFor('spike', { rate: ratePerSec, durationS: seconds }),
    shape,
    limits: SLO_LIMITS,
    connections,
    timeoutMs: 10_000,
    minKneeRate: 0,
  };
  const run = await runLoad(settings, () => undefined);
  const memory = residentMemoryMiB(pid);
  await platform.waitForDrain(600_000);
  const ledger = await checkLoadLedger(platform.scenario.databaseUrl, shape, run.fates);
  const thresholds = judge(settings, run, ledger);
  const result = {
    ratePerSec,
    seconds,
    sent: run.sent,
    status: run.tally.status,
    accepted: run.tally.outcomes.accepted,
    shed: run.tally.outcomes.shed,
    serverErrors: run.tally.outcomes.serverError,
    latencyMs: run.tally.summary(),
    baselineRssMiB: baseline.current,
    peakRssMiB: memory.peak,
    oomKills: api.memory?.oomKills() ?? null,
    ledger,
    thresholds,
    ok: thresholds.every((t) => t.ok),
  };
  run.tally.destroy();
  return result;
}
