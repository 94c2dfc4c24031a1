import { describe, expect, it } from 'vitest';
import { longestCronGapSeconds } from './cron-gap.js';

describe('longestCronGapSeconds', () => {
  it('is a day for a daily schedule and four hours for every fourth hour', () => {
    expect(longestCronGapSeconds('0 5 * * *')).toBe(86_400);
    expect(longestCronGapSeconds('0 */4 * * *')).toBe(4 * 3600);
  });

  it('spans the weekend for a weekday schedule', () => {
    expect(longestCronGapSeconds('30 10 * * 1-5')).toBe(3 * 86_400);
  });

  it('reads lists and ranges with steps (9:00, 9:30, 13:00, 13:30, 17:00, 17:30: overnight is the longest)', () => {
    expect(longestCronGapSeconds('0,30 9-17/4 * * *')).toBe(15.5 * 3600);
  });

  it('refuses what is not a five-field schedule', () => {
    expect(() => longestCronGapSeconds('@daily')).toThrow(/five cron fields/);
    expect(() => longestCronGapSeconds('61 * * * *')).toThrow(/outside 0-59/);
  });
});
