import { describe, expect, it } from 'vitest';
import { parseLoadOptions } from './options.js';

describe('npm run load options', () => {
  it('defaults to the local platform, the SLO thresholds and reports/load-<profile>.json', () => {
    const options = parseLoadOptions(['--profile', 'smoke']);
    expect(options.target).toBeUndefined();
    expect(options.limits).toStrictEqual({ p95Ms: 200, p99Ms: 500, maxErrorRatio: 0.01 });
    expect(options.output).toBe('reports/load-smoke.json');
  });

  it('refuses an unknown profile, naming the known ones', () => {
    expect(() => parseLoadOptions(['--profile', 'stress'])).toThrow(
      "--profile must be one of smoke, ramp, spike, soak, breakpoint, got 'stress'",
    );
  });

  it('bounds the rate and the duration', () => {
    expect(() => parseLoadOptions(['--profile', 'soak', '--rate', '1000000'])).toThrow(
      '--rate must be an integer from 1 to 100000',
    );
    expect(() => parseLoadOptions(['--profile', 'soak', '--duration', '0'])).toThrow('--duration');
  });

  it('takes a fractional p95 limit, as a breach test needs', () => {
    expect(parseLoadOptions(['--profile', 'smoke', '--p95-ms', '0.001']).limits.p95Ms).toBe(0.001);
  });

  it('takes the file of the token a cluster’s API requires', () => {
    expect(parseLoadOptions(['--profile', 'smoke', '--token-file', '/var/run/t']).tokenFile).toBe('/var/run/t');
    expect(parseLoadOptions(['--profile', 'smoke']).tokenFile).toBeUndefined();
  });
});
