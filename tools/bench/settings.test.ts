import { describe, expect, it } from 'vitest';
import { parseRates } from './settings.js';

describe('parseRates (--rates of the accept → applied part)', () => {
  it('reads comma-separated events/s in the order given', () => {
    expect(parseRates('1000, 250,10000')).toEqual([1000, 250, 10_000]);
  });

  it.each(['', '1000,', '0', '-5', '1e3', '10.5', 'fast'])('refuses %j, naming the flag', (raw) => {
    expect(() => parseRates(raw)).toThrow(/--rates takes positive whole events\/s/);
  });
});
