import { describe, expect, it } from 'vitest';
import { parseDrillArgs } from './args.js';

describe('parseDrillArgs', () => {
  it('reads the chaos drill flags', () => {
    expect(parseDrillArgs(['chaos', '--duration', '90', '--worker-mode', 'before'])).toStrictEqual({
      kind: 'chaos',
      durationSeconds: 90,
      workerMode: 'before',
      ratePerSecond: undefined,
      kills: undefined,
      seed: undefined,
      reportDir: undefined,
    });
  });

  it('reads the restore drill flags', () => {
    expect(parseDrillArgs(['restore', '--events', '5000'])).toStrictEqual({
      kind: 'restore',
      events: 5000,
      reportDir: undefined,
    });
  });

  it('refuses a bad value with the flag, the value and the usage', () => {
    expect(() => parseDrillArgs(['chaos', '--duration', '0'])).toThrow(
      /--duration must be an integer from 1 .* got '0'[\s\S]*usage:/,
    );
    expect(() => parseDrillArgs(['chaos', '--worker-mode', 'sometimes'])).toThrow(
      /--worker-mode must be before or after/,
    );
    expect(() => parseDrillArgs(['restore', '--duration', '5'])).toThrow(/Unknown option '--duration'/);
    expect(() => parseDrillArgs(['backup'])).toThrow(/unknown drill 'backup'/);
  });
});
