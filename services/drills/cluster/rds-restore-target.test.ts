import { describe, expect, it } from 'vitest';
import { isOwnScratch, scratchIdentifier } from './rds-restore-target.js';

const settings = {
  scratchPrefix: 'events-prod-restore-drill-',
  scratchTag: { key: 'purpose', value: 'restore-drill' },
};

describe('the RDS scratch instance', () => {
  it('is named from the prefix and the minute, within RDS limits', () => {
    const id = scratchIdentifier(settings.scratchPrefix, new Date('2026-11-01T05:07:09Z'));
    expect(id).toBe('events-prod-restore-drill-202611010507');
    expect(id.length).toBeLessThanOrEqual(63);
  });

  it('is deleted only when it carries both the prefix and the tag: never the ledger itself', () => {
    const tagged = [{ Key: 'purpose', Value: 'restore-drill' }];
    expect(isOwnScratch({ DBInstanceIdentifier: 'events-prod-restore-drill-1', TagList: tagged }, settings)).toBe(true);
    expect(isOwnScratch({ DBInstanceIdentifier: 'events-prod', TagList: tagged }, settings)).toBe(false);
    expect(isOwnScratch({ DBInstanceIdentifier: 'events-prod-restore-drill-1', TagList: [] }, settings)).toBe(false);
  });
});
