import { describe, expect, it } from 'vitest';
import { EnvReader } from '../shared/runtime/env-reader.js';
import { readRetentionSettings } from './retention.js';
import { RETENTION_SETTINGS } from './settings-contract.js';

const read = (env: Record<string, string>) => readRetentionSettings(new EnvReader(env, RETENTION_SETTINGS));

describe('readRetentionSettings', () => {
  it('keeps dedup records for keys plus the topic plus a day by default, following the topic', () => {
    expect(read({}).dedupHours).toBe(24 + 168 + 24);
    expect(read({ EVENTS_TOPIC_RETENTION_HOURS: '336' }).dedupHours).toBe(24 + 336 + 24);
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
