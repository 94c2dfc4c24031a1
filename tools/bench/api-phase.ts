import path from 'node:path';
import { topicEvent } from './worker-drain.js';
import type { TrafficShape } from '../../loadtests/events.js';
import { ensureTopics } from '../../services/shared/kafka/topics.js';
import { startApiProcess } from '../local/api-process.js';
import { repoRoot } from '../stack/settings.js';
import type { StackSettings } from '../stack/settings.js';
import { startLocalRun } from '../load/local-platform.js';
import type { Throughput } from './api-throughput.js';
import { closedRun, mean } from './api-throughput.js';
import type { CpuShare } from './cpu.js';
import { measureCpu, stackGroups } from './cpu.js';
import { startHelloWorld } from './processes.js';
import { runProducerPerf } from './producer-perf.js';
import type { BenchSettings } from './settings.js';

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

/**
 * The API alone (no worker takes CPU meanwhile) in each variant of its settings, each next to the fastify hello world
 * (alternating, `rounds` times, so a burst of load from elsewhere hits both about equally), then ProducerPerformance
 * on a topic of the same partitions. The last variant is today's defaults.
 */
export async function apiPhase(
  s: BenchSettings,
  stack: StackSettings,
  shape: (eventsPerRequest: number) => TrafficShape,
  log: (line: string) => void,
): Promise<ApiPhaseResult> {
  const local = await startLocalRun({ label: 'benchapi', partitions: s.partitions, workers: 0, logName: 'bench-api' });
  const { platform, connection } = local;
  const groups = stackGroups(stack);
  const logDir = path.join(repoRoot, 'reports', 'bench-api-logs');
  const variants: ApiVariantResult[] = [];
  try {
    // The platform's own API is today's defaults; the variants start an API process of their own on the same topic.
    await platform.api.stop();
    const helloWorld = await startHelloWorld();
    try {
      for (const variant of s.apiVariants) {
        const api = await startApiProcess(
          { kafkaBrokers: connection.kafkaBrokers, topic: platform.scenario.topic },
          logDir,
          {
            extraEnv: { DATABASE_URL: platform.scenario.databaseUrl, ...variant.env },
          },
        );
        try {
          const closed = { concurrency: s.singleConcurrency, ...s.closed };
          const hello: { t: Throughput; cpu: CpuShare }[] = [];
          const single: { t: Throughput; cpu: CpuShare }[] = [];
          for (let round = 1; round <= s.closed.rounds; round += 1) {
            const h = await measureCpu(
              groups,
              () => ({ 'hello world': [helloWorld.pid] }),
              () => closedRun(helloWorld.url, shape(1), closed),
            );
            hello.push({ t: h.result, cpu: h.cpu });
            const a = await measureCpu(
              groups,
              () => ({ api: [api.process.child.pid!] }),
              () => closedRun(api.url, shape(1), closed),
            );
            single.push({ t: a.result, cpu: a.cpu });
            log(
              `  [${variant.name}] round ${round}: hello world ${h.result.requestsPerSec} req/s, API ${a.result.eventsPerSec} events/s (p99 ${a.result.p99Ms} ms)`,
            );
          }
          const batch = await measureCpu(
            groups,
            () => ({ api: [api.process.child.pid!] }),
            () => closedRun(api.url, shape(s.batchEvents), { concurrency: s.batchConcurrency, ...s.closed }),
          );
          log(
            `  [${variant.name}] batches of ${s.batchEvents}: ${batch.result.eventsPerSec} events/s (p99 ${batch.result.p99Ms} ms)`,
          );
          variants.push({
            name: variant.name,
            env: variant.env,
            single: mean(single.map((x) => x.t)),
            helloWorld: mean(hello.map((x) => x.t)),
            batch: batch.result,
            cpu: { helloWorld: hello.at(-1)!.cpu, single: single.at(-1)!.cpu, batch: batch.cpu },
          });
        } finally {
          await api.stop();
        }
      }
    } finally {
      await helloWorld.stop();
    }
    const perfTopic = `${platform.scenario.name}.perf`;
    await ensureTopics(platform.admin, [{ name: perfTopic, partitions: s.partitions }]);
    const recordSize = Buffer.byteLength(JSON.stringify(topicEvent(shape(1), 123_456, new Date().toISOString())));
    const perf = await measureCpu(
      groups,
      () => ({}),
      () => runProducerPerf(stack, connection.kafkaBrokers, perfTopic, s.producerPerfRecords, recordSize),
    );
    log(
      `  ProducerPerformance (${recordSize}-byte records, acks=all): ${Math.round(perf.result.recordsPerSec)} records/s`,
    );
    await platform.admin.deleteTopics({ topics: [perfTopic] }).catch(() => undefined);
    return {
      variants,
      producerPerf: { recordsPerSec: Math.round(perf.result.recordsPerSec), recordSize, cpu: perf.cpu },
    };
  } finally {
    await local.stop();
  }
}
