import { describe, expect, it } from 'vitest';
import { parseTps } from './pgbench.js';
import { parseProducerPerf } from './producer-perf.js';

describe('reading the ceilings the tools print', () => {
  it("reads ProducerPerformance's summary line, not its per-window lines", () => {
    const output = [
      '151234 records sent, 30246.8 records/sec (5.77 MB/sec), 900.1 ms avg latency, 1400.0 ms max latency.',
      '1000000 records sent, 96711.798839 records/sec (18.45 MB/sec), 1170.15 ms avg latency, 2353.00 ms max latency, 1095 ms 50th, 2211 ms 95th, 2318 ms 99th, 2349 ms 99.9th.',
    ].join('\n');
    expect(parseProducerPerf(output)).toStrictEqual({ records: 1_000_000, recordsPerSec: 96711.798839, p99Ms: 2318 });
  });

  it("reads pgbench's tps without the connection time", () => {
    expect(parseTps('latency average = 30.298 ms\ntps = 66.011209 (without initial connection time)\n')).toBe(
      66.011209,
    );
    expect(() => parseTps('FATAL: database does not exist')).toThrow('pgbench printed no tps');
  });
});
