import { describe, expect, it } from 'vitest';
import { parseDemoOptions, parseScale } from './replica-safety-options.js';

describe('parseDemoOptions', () => {
  it('defaults to the 1 → 2 → 5 schedule with three kills', () => {
    const options = parseDemoOptions(['--mode', 'after']);
    expect(options.scaleSteps).toStrictEqual([
      { at: 0, replicas: 1 },
      { at: 0.25, replicas: 2 },
      { at: 0.5, replicas: 5 },
    ]);
    expect(options.killsAt).toStrictEqual([0.6, 0.75, 0.9]);
    expect(options.output).toBe('reports/replica-safety-after.json');
  });

  it('rejects a missing mode and bad numbers with the option named', () => {
    expect(() => parseDemoOptions([])).toThrow("--mode must be before or after, got ''");
    expect(() => parseDemoOptions(['--mode', 'after', '--events', '0'])).toThrow(
      "--events must be a positive integer, got '0'",
    );
    expect(() => parseDemoOptions(['--mode', 'after', '--kill-at', '2'])).toThrow(
      "--kill-at: '2' is not a fraction from 0 to 1",
    );
  });

  it('refuses more replicas than partitions', () => {
    expect(() => parseScale('0:1,0.5:8', 6)).toThrow('8 replicas exceed the 6 partitions');
  });
});
