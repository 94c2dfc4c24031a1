import fs from 'node:fs';
import { expect } from 'vitest';
import type { Answer } from '../../../tools/local/load.js';
import type { PlatformOptions } from '../../../tools/local/platform.js';
import { consumerLag } from '../../../tools/local/lag.js';
import { LocalPlatform } from '../../../tools/local/platform.js';
import { startKafka, stopKafka } from '../../../tools/stack/kafka.js';
import { clearPacketDrops } from '../../../tools/stack/packet-drop.js';
import type { ConnectionSettings, StackSettings } from '../../../tools/stack/settings.js';
import { connectionSettings } from '../../../tools/stack/settings.js';
import { connection, logDir, stackSettings } from './fault-kit.js';

/**
 * What the three-broker fault tests share: a cluster of three (the stack's own when it runs one, else swapped in for
 * the lone broker and swapped back after), platforms whose topics carry prod's replication, and the answer log that
 * turns a run into the seconds a fault costs.
 */

export const cluster: StackSettings = { ...stackSettings, kafkaBrokers: 3 };
export const clusterConnection: ConnectionSettings = {
  ...connectionSettings(cluster),
  databaseUrl: connection.databaseUrl,
};

/** `FAULT_TESTS_LONG=1` runs the long form: ten times the events, the same faults. */
export const long = process.env.FAULT_TESTS_LONG === '1';
export const events = (short: number): number => (long ? short * 10 : short);

/**
 * Makes sure three brokers run for the tests and returns how to put the stack back as it was. A lone broker is
 * stopped for the run (the cluster takes its port) and started again after; nothing else of the stack moves.
 */
export async function useThreeBrokers(): Promise<() => Promise<void>> {
  // A run that crashed before its `finally` may have left a packet drop behind: remove it before anything else.
  clearPacketDrops();
  if (connection.kafkaBrokers.length === 3) return async () => undefined;
  await stopKafka(stackSettings);
  await startKafka(cluster);
  return async () => {
    clearPacketDrops();
    await stopKafka(cluster);
    await startKafka(stackSettings);
  };
}

export function startClusterPlatform(
  label: string,
  options: Partial<Omit<PlatformOptions, 'connection' | 'label' | 'logDir'>> = {},
): Promise<LocalPlatform> {
  return LocalPlatform.start({
    connection: clusterConnection,
    label,
    logDir,
    partitions: 6,
    mode: 'after',
    topicsLike: 'prod',
    ...options,
  });
}

/** Every HTTP attempt of a load, to say how long the API went without a 2xx and how long any request waited. */
export class AnswerLog {
  readonly answers: Answer[] = [];
  readonly record = (answer: Answer): void => {
    this.answers.push(answer);
  };

  /** The longest stretch between two consecutive 2xx answers (by when they were answered), in ms. */
  longestWithout2xx(): number {
    const ends = this.answers
      .filter((a) => a.status >= 200 && a.status < 300)
      .map((a) => a.startedAt + a.ms)
      .sort((a, b) => a - b);
    return ends.slice(1).reduce((longest, end, i) => Math.max(longest, end - ends[i]!), 0);
  }

  /** The slowest attempt, answered or not. */
  slowest(): Answer | undefined {
    return this.answers.reduce<Answer | undefined>((worst, a) => (worst && worst.ms >= a.ms ? worst : a), undefined);
  }

  count(status: number): number {
    return this.answers.filter((a) => a.status === status).length;
  }

  /** The `q` quantile (0..1) of the latency of 2xx answers to attempts started in [from, to). */
  latencyQuantile(q: number, from: number, to = Infinity): number {
    const ms = this.answers
      .filter((a) => a.startedAt >= from && a.startedAt < to && a.status >= 200 && a.status < 300)
      .map((a) => a.ms)
      .sort((a, b) => a - b);
    if (ms.length === 0) throw new Error('no 2xx answer to a request started in the window');
    return ms[Math.min(ms.length - 1, Math.ceil(q * ms.length) - 1)]!;
  }
}

/**
 * Asserts that no attempt waited longer than `boundMs` (the documented timeout that answers the fault, plus the
 * margin named at the call) and that every attempt got an HTTP answer (a 2xx or a 503, never a dropped request).
 */
export function expectNoRequestHung(log: AnswerLog, boundMs: number): void {
  const slowest = log.slowest();
  expect(slowest, 'no request was sent').toBeDefined();
  expect(
    slowest!.ms,
    `the slowest request waited ${slowest!.ms} ms (answered ${slowest!.status || 'never'}), above ${boundMs} ms`,
  ).toBeLessThanOrEqual(boundMs);
  expect(
    log.answers.filter((a) => a.status === 0 || (a.status >= 300 && a.status !== 503)).map((a) => a.status),
    'answers other than 2xx and 503',
  ).toStrictEqual([]);
}

/**
 * The consumer group's lag, sampled every 500 ms for the whole test, to say when the backlog a fault built up was
 * applied: the first sample after the heal at or below two seconds of the test's own load (the chaos drill's
 * local lag goal), or 0 when no backlog was left by then.
 */
export class LagWatch {
  private readonly samples: { at: number; lag: number }[] = [];
  private readonly timer: NodeJS.Timeout;
  private polling = false;

  constructor(platform: LocalPlatform) {
    const { admin, scenario } = platform;
    this.timer = setInterval(() => {
      if (this.polling) return;
      this.polling = true;
      // An admin call can hang while a broker is cut off: a sample that takes longer is given up, not waited for.
      Promise.race([
        consumerLag(admin, scenario.consumerGroup, scenario.topic),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('lag read timed out')), 3000)),
      ])
        .then((lag) => this.samples.push({ at: Date.now(), lag }))
        // While brokers are lost the lag cannot be read: that sample is missing, not zero.
        .catch(() => undefined)
        .finally(() => {
          this.polling = false;
        });
    }, 500);
  }

  /**
   * Milliseconds from `from` until the lag was at most `threshold`. Call it once the group has drained: with no such
   * sample (none could be read), the time until now is the bound there is.
   */
  caughtUpAfter(from: number, threshold: number): number {
    this.stop();
    const sample = this.samples.find((s) => s.at >= from && s.lag <= threshold);
    return (sample?.at ?? Date.now()) - from;
  }

  stop(): void {
    clearInterval(this.timer);
  }
}

/**
 * One line per fault in reports/fault-costs.jsonl (the README's fault table): how long the API went without a 2xx
 * and how long, from the heal, until the backlog was applied. Figures depend on the machine and its load.
 */
export function recordFaultCost(scenario: string, cost: { without2xxMs: number; drainedMs: number }): void {
  fs.mkdirSync('reports', { recursive: true });
  fs.appendFileSync(
    'reports/fault-costs.jsonl',
    `${JSON.stringify({ scenario, long, withoutTwoXxSeconds: cost.without2xxMs / 1000, drainedSeconds: cost.drainedMs / 1000 })}\n`,
  );
}
