import { describe, expect, it } from 'vitest';
import { parseSyncCheckOptions } from './options.js';

describe('npm run sync:check options', () => {
  it('defaults to every environment, no base, 300 s per sync', () => {
    expect(parseSyncCheckOptions([])).toStrictEqual({
      environments: [],
      base: undefined,
      timeoutSeconds: 300,
      report: 'reports/sync-check.json',
      keep: false,
    });
  });

  it('takes repeated environments and a base revision', () => {
    const options = parseSyncCheckOptions(['--env', 'dev', '--env', 'prod', '--base', 'main~1']);
    expect(options.environments).toStrictEqual(['dev', 'prod']);
    expect(options.base).toBe('main~1');
  });

  it('rejects a timeout that is not a positive number of seconds', () => {
    expect(() => parseSyncCheckOptions(['--timeout', '0'])).toThrow(
      "--timeout must be a positive number of seconds, got '0'",
    );
  });

  it('rejects an unknown option', () => {
    expect(() => parseSyncCheckOptions(['--envs', 'dev'])).toThrow(/Unknown option '--envs'/);
  });
});
