import path from 'node:path';
import type { TrafficShape } from '../../loadtests/events.js';
import { startBenchRun } from './pod.js';
import type { StackSettings } from '../stack/settings.js';
import { repoRoot } from '../stack/settings.js';
import type { Throughput } from './api-throughput.js';
import { closedRun, median } from './api-throughput.js';
import type { CpuShare } from './cpu.js';
import { measureCpu, stackGroups, sumOver } from './cpu.js';
import type { BenchReport } from './report.js';
import { apiEventsPerCore } from './report.js';
import type { BenchSettings } from './settings.js';
import type { DrainResult } from './worker-drain.js';
import { drainWith, prefill } from './worker-drain.js';

/** What `--round-trip-ms` measures: the two figures of loadtests/capacity.json, and what they came from. */
export interface CapacityResult {
  readonly single: Throughput;
  /** The last round's CPU, as the full run's capacity figure uses. */
  readonly singleCpu: CpuShare;
  readonly drain: DrainResult;
  readonly capacity: BenchReport['capacity'];
}

/**
 * The per-replica capacities alone, measured as the full run measures them: one worker replica draining a prefilled
 * topic, then today's API taking single events from a closed model (the median of the rounds over the last round's
 * cores). `extraPids` names processes whose CPU the report shows apart (the one holding delayed packets).
 */
export async function capacityPhase(
  s: BenchSettings,
  stack: StackSettings,
  shape: () => TrafficShape,
  log: (line: string) => void,
  extraPids: Record<string, number[]> = {},
): Promise<CapacityResult> {
  const local = await startBenchRun({ label: 'benchcap', partitions: s.partitions, workers: 0, logName: 'bench-cap' });
  const { platform, connection } = local;
  const groups = {
    ...stackGroups(stack),
    ...Object.fromEntries(Object.entries(extraPids).map(([name, pids]) => [name, () => sumOver(pids)])),
  };
  try {
    // The worker first: the API's events would otherwise add to the backlog it drains.
    await prefill(platform.kafka, platform.scenario.topic, shape(), s.drainEvents);
    log(`  prefilled ${s.drainEvents} events on ${s.partitions} partitions`);
    const logDir = path.join(repoRoot, 'reports', 'bench-cap-logs');
    const drain = await drainWith(platform.admin, platform.scenario, connection, 1, s.drainSettleMs, logDir, groups);
    log(`  worker, 1 replica: ${drain.eventsPerSec} events/s`);
    const rounds: { t: Throughput; cpu: CpuShare }[] = [];
    for (let round = 1; round <= s.closed.rounds; round += 1) {
      const { result, cpu } = await measureCpu(
        groups,
        () => ({ api: [platform.api.process.child.pid!] }),
        () => closedRun(platform.api.url, shape(), { concurrency: s.singleConcurrency, ...s.closed }),
      );
      rounds.push({ t: result, cpu });
      log(
        `  round ${round}: API ${result.eventsPerSec} single events/s (p99 ${result.p99Ms} ms), ${cpu.cores.api} of a core`,
      );
    }
    const single = median(rounds.map((r) => r.t));
    const singleCpu = rounds.at(-1)!.cpu;
    return {
      single,
      singleCpu,
      drain,
      capacity: {
        api: { eventsPerSecondPerCore: apiEventsPerCore(single.eventsPerSec, singleCpu) },
        worker: { eventsPerSecondPerReplica: drain.eventsPerSec },
      },
    };
  } finally {
    await local.stop();
  }
}
