import { describe, expect, it } from 'vitest';
import { refreshedCapacities } from './capacity-file.js';

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
      'npm run bench -- --record idle at 0123456, 2026-11-26: 2 × AMD EPYC, Node 20.20.2 (docs/performance.md); readySeconds are estimates',
    );
    expect(refreshed.$comment).toBe('what the file is');
  });
});
