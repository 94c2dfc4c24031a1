import { describe, expect, it } from 'vitest';
import { capacitiesKept, refreshedCapacities } from './capacity-file.js';

const current = {
  $comment: 'what the file is',
  source: 'provisional estimates',
  workloads: {
    api: { eventsPerSecondPerCore: 4000, readySeconds: 20 },
    worker: { eventsPerSecondPerReplica: 1500, readySeconds: 35 },
  },
};
const report = {
  capacity: { api: { eventsPerSecondPerCore: 13_342 }, worker: { eventsPerSecondPerReplica: 53_255 } },
  machine: { cpus: 2, cpuModel: 'AMD EPYC', node: '20.20.2', loadAverageAtStart: 0.4 },
  startedAt: '2026-11-26T11:30:00.000Z',
};

describe('loadtests/capacity.json refreshed from a recorded run', () => {
  it('takes the measured rates, keeps each readySeconds and says which run it came from', () => {
    const refreshed = refreshedCapacities(current, report, { label: 'idle', commit: '0123456789abcdef' });
    expect(refreshed.workloads).toStrictEqual({
      api: { eventsPerSecondPerCore: 13_342, readySeconds: 20 },
      worker: { eventsPerSecondPerReplica: 53_255, readySeconds: 35 },
    });
    expect(refreshed.source).toBe(
      'npm run bench -- --record idle at 0123456, 2026-11-26: 2 × AMD EPYC, Node 20.20.2 (docs/performance.md); ' +
        'the broker and PostgreSQL on loopback, no round trip added; readySeconds are estimates',
    );
    expect(refreshed.$comment).toBe('what the file is');
  });

  it('says the round trip the broker and PostgreSQL were measured behind, stated and measured, and the command', () => {
    const refreshed = refreshedCapacities(current, report, {
      label: 'inter-az',
      commit: '0123456789abcdef',
      roundTrip: { statedMs: 1, measuredP50Ms: 1.31 },
    });
    expect(refreshed.source).toBe(
      'npm run bench -- --round-trip-ms 1 --record inter-az at 0123456, 2026-11-26: 2 × AMD EPYC, Node 20.20.2 (docs/performance.md); ' +
        "the broker's and PostgreSQL's ports delayed by a 1 ms round trip on loopback (1.31 ms measured, p50); readySeconds are estimates",
    );
    expect(refreshed.roundTripMs).toBe(1);
    expect(refreshed.workloads['worker']).toStrictEqual({ eventsPerSecondPerReplica: 53_255, readySeconds: 35 });
  });

  it('drops the round trip when a run on loopback replaces figures measured on loopback', () => {
    expect(refreshedCapacities(current, report, { label: 'idle', commit: '0123456' })).not.toHaveProperty(
      'roundTripMs',
    );
  });

  it('keeps figures measured behind a round trip from a run on loopback, and lets another round trip replace them', () => {
    const behind = { ...current, roundTripMs: 1 };
    expect(capacitiesKept(behind, { label: 'idle', commit: '0123456' })).toBe(
      "it holds capacities measured behind a 1 ms round trip, closer to a cluster than loopback's; " +
        'refresh them with `npm run bench -- --round-trip-ms 1 --record <label>`',
    );
    const again = { label: 'az', commit: '0123456', roundTrip: { statedMs: 2, measuredP50Ms: 2.4 } };
    expect(capacitiesKept(behind, again)).toBeUndefined();
    expect(capacitiesKept(current, { label: 'idle', commit: '0123456' })).toBeUndefined();
  });
});
