import { describe, expect, it } from 'vitest';
import { median } from './api-throughput.js';

const run = (eventsPerSec: number) => ({
  requestsPerSec: eventsPerSec,
  eventsPerSec,
  p99Ms: eventsPerSec / 1000,
  failed: 1,
});

describe('the median of benchmark rounds', () => {
  it('is not moved by one round that a burst of other work slowed down', () => {
    expect(median([run(6000), run(900), run(6400), run(6200)]).eventsPerSec).toBe(6100);
    expect(median([run(6000), run(900), run(6400)]).eventsPerSec).toBe(6000);
  });

  it('keeps every failed answer of every round', () => {
    expect(median([run(1), run(2), run(3)]).failed).toBe(3);
  });
});
