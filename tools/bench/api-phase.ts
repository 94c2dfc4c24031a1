import path from 'node:path';
import { topicEvent } from './worker-drain.js';
import type { TrafficShape } from '../../loadtests/events.js';
import { ensureTopics } from '../../services/shared/kafka/topics.js';
import type { RunningApi } from '../local/api-process.js';
import { startApiProcess } from '../local/api-process.js';
import { repoRoot } from '../stack/settings.js';
import type { StackSettings } from '../stack/settings.js';
import type { LocalRun } from '../load/local-platform.js';
import { pod, startBenchRun } from './pod.js';
import type { Throughput } from './api-throughput.js';
import { closedRun, median } from './api-throughput.js';
import type { CpuShare, GroupReading } from './cpu.js';
import { measureCpu, stackGroups } from './cpu.js';
import { startHelloWorld } from './processes.js';
import { runProducerPerf } from './producer-perf.js';
import type { ApiVariant, BenchSettings } from './settings.js';

/** How the API ran in one variant: single events against the hello world in the same minutes, and batches. */
export interface ApiVariantResult {
  readonly name: string;
  readonly env: Record<string, string>;
  readonly single: Throughput;
  readonly helloWorld: Throughput;
  readonly batch: Throughput;
  readonly cpu: { readonly helloWorld: CpuShare; readonly single: CpuShare; readonly batch: CpuShare };
}

export interface ApiPhaseResult {
  readonly variants: ApiVariantResult[];
  readonly producerPerf: { readonly recordsPerSec: number; readonly recordSize: number; readonly cpu: CpuShare };
}

interface Measured {
  readonly t: Throughput;
  readonly cpu: CpuShare;
}

/**
 * The API alone (no worker takes CPU meanwhile), in every variant of its settings at once (one process each, on the
 * same topic), measured round-robin: each round runs the hello world, then each variant's single events and batches
 * (starting with another variant each round), so a burst of other work on a shared machine lands on all of them alike;
 * the result is the median of the rounds.
 * ProducerPerformance follows, on a topic of the same partitions. The last variant is today's defaults.
 */
export async function apiPhase(
  s: BenchSettings,
  stack: StackSettings,
  shape: (eventsPerRequest: number) => TrafficShape,
  log: (line: string) => void,
): Promise<ApiPhaseResult> {
  const local = await startBenchRun({ label: 'benchapi', partitions: s.partitions, workers: 0, logName: 'bench-api' });
  const { platform, connection } = local;
  const groups = stackGroups(stack);
  const logDir = path.join(repoRoot, 'reports', 'bench-api-logs');
  const apis: { variant: ApiVariant; api: RunningApi }[] = [];
  try {
    // The platform's own API would only take memory: each variant runs an API process of its own.
    await platform.api.stop();
    for (const variant of s.apiVariants)
      apis.push({
        variant,
        api: await startApiProcess({ kafkaBrokers: connection.kafkaBrokers, topic: platform.scenario.topic }, logDir, {
          extraEnv: { DATABASE_URL: platform.scenario.databaseUrl, ...pod('api').env, ...variant.env },
          memoryLimitMiB: pod('api').memoryLimitMiB,
        }),
      });
    const helloWorld = await startHelloWorld(pod('api'));
    const hello: Measured[] = [];
    const single = new Map<string, Measured[]>(apis.map((a) => [a.variant.name, []]));
    const batch = new Map<string, Measured[]>(apis.map((a) => [a.variant.name, []]));
    const timed = async (pids: Record<string, number[]>, run: () => Promise<Throughput>): Promise<Measured> => {
      const { result, cpu } = await measureCpu(groups, () => pids, run);
      return { t: result, cpu };
    };
    try {
      const singleRun = { concurrency: s.singleConcurrency, ...s.closed };
      const batchRun = { concurrency: s.batchConcurrency, ...s.closed };
      for (let round = 1; round <= s.closed.rounds; round += 1) {
        const h = await timed({ 'hello world': [helloWorld.pid] }, () =>
          closedRun(helloWorld.url, shape(1), singleRun),
        );
        hello.push(h);
        log(`  round ${round}: hello world ${h.t.requestsPerSec} req/s`);
        // Each round starts with another variant, so no variant always runs right after the hello world.
        const order = apis.map((_, i) => apis[(i + round - 1) % apis.length]!);
        for (const { variant, api } of order) {
          const pid = { api: [api.process.child.pid!] };
          const one = await timed(pid, () => closedRun(api.url, shape(1), singleRun));
          const many = await timed(pid, () => closedRun(api.url, shape(s.batchEvents), batchRun));
          single.get(variant.name)!.push(one);
          batch.get(variant.name)!.push(many);
          log(
            `  round ${round} [${variant.name}]: ${one.t.eventsPerSec} events/s one by one (p99 ${one.t.p99Ms} ms), ` +
              `${many.t.eventsPerSec} events/s in batches of ${s.batchEvents}`,
          );
        }
      }
    } finally {
      await helloWorld.stop();
    }
    const helloWorldResult = median(hello.map((x) => x.t));
    const variants = apis.map(({ variant }) => ({
      name: variant.name,
      env: variant.env,
      single: median(single.get(variant.name)!.map((x) => x.t)),
      helloWorld: helloWorldResult,
      batch: median(batch.get(variant.name)!.map((x) => x.t)),
      cpu: {
        helloWorld: hello.at(-1)!.cpu,
        single: single.get(variant.name)!.at(-1)!.cpu,
        batch: batch.get(variant.name)!.at(-1)!.cpu,
      },
    }));
    for (const { api } of apis.splice(0)) await api.stop();
    return { variants, producerPerf: await producerPerf(s, stack, local, groups, shape, log) };
  } finally {
    for (const { api } of apis) await api.stop();
    await local.stop();
  }
}

async function producerPerf(
  s: BenchSettings,
  stack: StackSettings,
  local: LocalRun,
  groups: Record<string, () => GroupReading>,
  shape: (eventsPerRequest: number) => TrafficShape,
  log: (line: string) => void,
): Promise<ApiPhaseResult['producerPerf']> {
  const { platform, connection } = local;
  const topic = `${platform.scenario.name}.perf`;
  await ensureTopics(platform.admin, [{ name: topic, partitions: s.partitions }]);
  const recordSize = Buffer.byteLength(JSON.stringify(topicEvent(shape(1), 123_456, new Date().toISOString())));
  const perf = await measureCpu(
    groups,
    () => ({}),
    () => runProducerPerf(stack, connection.kafkaBrokers, topic, s.producerPerfRecords, recordSize),
  );
  log(
    `  ProducerPerformance (${recordSize}-byte records, acks=all): ${Math.round(perf.result.recordsPerSec)} records/s`,
  );
  await platform.admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
  return { recordsPerSec: Math.round(perf.result.recordsPerSec), recordSize, cpu: perf.cpu };
}
