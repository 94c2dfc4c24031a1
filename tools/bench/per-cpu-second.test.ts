import { describe, expect, it } from 'vitest';
import type { CpuShare } from './cpu.js';
import { eventsPerCpuSecond, perCpuSecond } from './per-cpu-second.js';

const cpu = (cores: Record<string, number>): CpuShare => ({ cores, waitingForCpu: {}, machine: 2, others: 0 });

describe('eventsPerCpuSecond', () => {
  it('divides the rate by the cores the process used in the same window', () => {
    // 13,687 events/s with the API at 0.88 of a core: 15,553 events per API CPU-second.
    expect(eventsPerCpuSecond(13_687, 0.88)).toBe(15_553);
    expect(eventsPerCpuSecond(50_000, 2)).toBe(25_000);
  });

  it('has no figure for a process that did not take part or used less than a 10 ms tick per second', () => {
    expect(eventsPerCpuSecond(1000, undefined)).toBeNull();
    expect(eventsPerCpuSecond(1000, 0)).toBeNull();
    expect(eventsPerCpuSecond(1000, 0.009)).toBeNull();
    expect(eventsPerCpuSecond(1000, 0.01)).toBe(100_000);
  });

  it('has no figure for a rate that is not one', () => {
    expect(eventsPerCpuSecond(Number.NaN, 1)).toBeNull();
    expect(eventsPerCpuSecond(-5, 1)).toBeNull();
  });
});

describe('perCpuSecond', () => {
  it('gives, per path, the figure of each process the path runs through, and of no other', () => {
    const table = perCpuSecond({
      'worker drain, 1 replica': {
        eventsPerSec: 50_448,
        cpu: cpu({ worker: 0.54, postgres: 0.76, kafka: 0.1, 'load generator': 0.05 }),
        through: ['worker', 'postgres', 'kafka'],
      },
      // The idle broker's 0.02 of a core would say 5 million events per Kafka CPU-second.
      pgbench: {
        eventsPerSec: 107_470,
        cpu: cpu({ postgres: 1.7, kafka: 0.02, 'tool run to completion': 0.2 }),
        through: ['postgres'],
      },
      'not measured': { eventsPerSec: 100, cpu: undefined, through: ['api'] },
    });
    expect(table).toEqual({
      'worker drain, 1 replica': { worker: 93_422, postgres: 66_379, kafka: 504_480 },
      pgbench: { postgres: 63_218 },
      'not measured': {},
    });
  });
});
