import { describe, expect, it } from 'vitest';
import { EnvReader } from '../shared/runtime/env-reader.js';
import { readRetentionSettings } from './retention.js';

const read = (env: Record<string, string>) => readRetentionSettings(new EnvReader(env));

describe('readRetentionSettings', () => {
  it('keeps dedup records longer than keys plus the topic by default', () => {
    const s = read({});
    expect(s.dedupHours).toBeGreaterThanOrEqual(s.idempotencyKeyHours + s.topicRetentionHours);
  });

  it('refuses a dedup window that a late retry could outlive, naming the settings', () => {
    expect(() =>
      read({
        DEDUP_RETENTION_HOURS: '100',
        EVENTS_TOPIC_RETENTION_HOURS: '168',
        IDEMPOTENCY_KEY_RETENTION_HOURS: '24',
      }),
    ).toThrow(/DEDUP_RETENTION_HOURS=100 would reopen the dedup window: it must be at least .* = 192/);
  });
});
