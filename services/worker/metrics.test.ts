import { describe, expect, it } from 'vitest';
import { createWorkerMetrics } from './metrics.js';

describe('createWorkerMetrics', () => {
  it('exports every counter an alert reads at 0 from the start, for every label value', async () => {
    const text = await createWorkerMetrics().registry.metrics();
    for (const series of [
      'worker_dead_lettered_total{kind="invalid"} 0',
      'worker_dead_lettered_total{kind="failed"} 0',
      'worker_dead_lettered_total{kind="conflict"} 0',
      'worker_abandoned_batches_total{reason="partition-revoked"} 0',
      'worker_events_processed_total 0',
      'worker_duplicates_skipped_total 0',
    ])
      expect(text).toContain(series);
  });
});
