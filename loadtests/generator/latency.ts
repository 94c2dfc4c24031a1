import type { Histogram } from 'hdr-histogram-js';
import { build } from 'hdr-histogram-js';

export interface LatencySummary {
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly max: number;
}

/** Microsecond resolution, up to 10 minutes, 3 significant digits: what HdrHistogram is for. */
export function latencyHistogram(): Histogram {
  return build({ lowestDiscernibleValue: 1, highestTrackableValue: 600_000_000, numberOfSignificantValueDigits: 3 });
}

export function recordMs(histogram: Histogram, ms: number): void {
  histogram.recordValue(Math.max(1, Math.min(600_000_000, Math.round(ms * 1000))));
}

const round = (us: number): number => Math.round(us / 10) / 100;

/** Percentiles in milliseconds (two decimals); all zero for an empty histogram. */
export function summarize(histogram: Histogram): LatencySummary {
  if (histogram.totalCount === 0) return { p50: 0, p95: 0, p99: 0, max: 0 };
  return {
    p50: round(histogram.getValueAtPercentile(50)),
    p95: round(histogram.getValueAtPercentile(95)),
    p99: round(histogram.getValueAtPercentile(99)),
    max: round(histogram.maxValue),
  };
}
