import os from 'node:os';
import path from 'node:path';
import { describe, expect, inject, it } from 'vitest';
import { runLocalChaosDrill } from '../../../tools/drills/local-chaos.js';
import { loadStackSettings } from '../../../tools/stack/stack.js';

// The chaos drill in its short form: seconds of load, every kind of fault the local stack can take.
const connection = inject('stack');
const stack = loadStackSettings();
const logDir = (name: string) => path.join(os.tmpdir(), 'drill-tests', name);
const quiet = () => undefined;

describe('the chaos drill on the local stack', () => {
  it('passes the fixed worker through kills, rescales and restarts of the broker and PostgreSQL', async () => {
    const report = await runLocalChaosDrill(
      { durationSeconds: 20, workerMode: 'after', ratePerSecond: 30, kills: 2, seed: 12, logDir: logDir('after') },
      connection,
      stack,
      quiet,
    );
    expect(report.failures).toStrictEqual([]);
    expect(report.ok).toBe(true);
    expect(new Set(report.faults.map((f) => f.type))).toStrictEqual(
      new Set(['kill-worker', 'scale-up', 'scale-down', 'restart-broker', 'restart-database']),
    );
    expect(report.accepted).toBe(report.sent);
    expect(report.applied).toBe(report.accepted);
    expect(report.lagRecoverySeconds).not.toBeNull();
  }, 240_000);

  it('fails the naive worker and names the events it applied twice', async () => {
    const report = await runLocalChaosDrill(
      {
        durationSeconds: 15,
        workerMode: 'before',
        ratePerSecond: 40,
        kills: 3,
        seed: 5,
        logDir: logDir('before'),
        faultTypes: ['kill-worker', 'scale-up', 'scale-down'],
      },
      connection,
      stack,
      quiet,
    );
    expect(report.ok).toBe(false);
    expect(report.duplicated).toBeGreaterThan(0);
    expect(report.duplicatedEventIds).toHaveLength(report.duplicated);
    expect(report.failures[0]).toContain(report.duplicatedEventIds[0]);
  }, 180_000);
});
