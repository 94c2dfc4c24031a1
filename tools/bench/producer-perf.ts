import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { StackSettings } from '../stack/settings.js';
import { kafkaPaths } from '../stack/kafka.js';

const run = promisify(execFile);

export interface ProducerPerfResult {
  readonly records: number;
  readonly recordsPerSec: number;
  readonly p99Ms: number;
}

/** Reads ProducerPerformance's summary line: `N records sent, X records/sec (… MB/sec), … ms 99th, …`. */
export function parseProducerPerf(output: string): ProducerPerfResult {
  const line = output
    .split('\n')
    .reverse()
    .find((l) => /records sent, [\d.]+ records\/sec/.test(l));
  if (!line) throw new Error(`ProducerPerformance printed no summary:\n${output.slice(-2000)}`);
  const sent = /^(\d+) records sent, ([\d.]+) records\/sec/.exec(line.trim());
  const p99 = /(\d+(?:\.\d+)?) ms 99th/.exec(line);
  return { records: Number(sent![1]), recordsPerSec: Number(sent![2]), p99Ms: p99 ? Number(p99[1]) : NaN };
}

/**
 * Kafka's own producer benchmark (org.apache.kafka.tools.ProducerPerformance, from the jars the stack installs), with
 * acks=all and its default batching, records of the API's event size, as fast as it can: the broker's ceiling.
 */
export async function runProducerPerf(
  stack: StackSettings,
  brokers: string[],
  topic: string,
  records: number,
  recordSize: number,
): Promise<ProducerPerfResult> {
  const p = kafkaPaths(stack);
  const log4j = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'producer-perf-')), 'log4j.properties');
  fs.writeFileSync(
    log4j,
    'log4j.rootLogger=WARN, stderr\nlog4j.appender.stderr=org.apache.log4j.ConsoleAppender\nlog4j.appender.stderr.Target=System.err\nlog4j.appender.stderr.layout=org.apache.log4j.PatternLayout\n',
  );
  const { stdout } = await run(
    'java',
    [
      '-Xmx512m',
      `-Dlog4j.configuration=file:${log4j}`,
      '-cp',
      `${p.libs}/*`,
      'org.apache.kafka.tools.ProducerPerformance',
      '--topic',
      topic,
      '--num-records',
      String(records),
      '--record-size',
      String(recordSize),
      '--throughput',
      '-1',
      '--producer-props',
      `bootstrap.servers=${brokers.join(',')}`,
      'acks=all',
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  return parseProducerPerf(stdout);
}
