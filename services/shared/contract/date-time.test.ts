import { fullFormats } from 'ajv-formats/dist/formats.js';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../drills/chaos/schedule.js';
import { isDateTime } from './date-time.js';

const rfc3339 = (fullFormats['date-time'] as { validate: (text: string) => boolean }).validate;

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
// Characters a near-miss may put anywhere: digits, the separators of other forms, letters, non-ASCII digits.
const NOISE = ['0', '9', '-', ':', '.', 'T', 't', ' ', 'Z', 'z', '+', '\u0663', 'x', '\u00a0'];

function timestamp(next: () => number): string {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const year = pick([0, 1900, 2000, 2023, 2024, 2100, 2400, 9999, Math.floor(next() * 10000)]);
  const month = pick([0, 1, 2, 4, 12, 13, Math.floor(next() * 14)]);
  const day = pick([0, 1, 28, 29, 30, 31, 32, Math.floor(next() * 33)]);
  const hour = pick([0, 23, 24, Math.floor(next() * 25)]);
  const minute = pick([0, 59, 60, Math.floor(next() * 61)]);
  const second = pick([0, 59, 60, 61, Math.floor(next() * 62)]);
  const fraction = pick([
    '',
    '.',
    '.0',
    '.123',
    '.123456789',
    '.5',
    '.9999999999999999',
    '.99999999999999999999',
    '.0000000000000000001',
  ]);
  const zone = pick([
    'Z',
    'z',
    '',
    '+01:00',
    '-01:00',
    '+23:59',
    '+24:00',
    '-00:60',
    '+0100',
    '+01',
    '-12:30',
    '+1:00',
  ]);
  const separator = pick(['T', 'T', 'T', 't', ' ']);
  let text = `${pad(year, 4)}-${pad(month)}-${pad(day)}${separator}${pad(hour)}:${pad(minute)}:${pad(second)}${fraction}${zone}`;
  // A third of them damaged: a character replaced, dropped or added.
  if (next() < 0.33) {
    const at = Math.floor(next() * text.length);
    const how = Math.floor(next() * 3);
    const noise = pick(NOISE);
    text =
      how === 0
        ? text.slice(0, at) + noise + text.slice(at + 1)
        : how === 1
          ? text.slice(0, at) + text.slice(at + 1)
          : text.slice(0, at) + noise + text.slice(at);
  }
  return text;
}

describe('isDateTime', () => {
  it('answers as ajv-formats does on generated timestamps and near-misses', () => {
    const next = seededRandom(7);
    let valid = 0;
    for (let i = 0; i < 200_000; i += 1) {
      const text = timestamp(next);
      const expected = rfc3339(text);
      if (isDateTime(text) !== expected) expect.fail(`${JSON.stringify(text)}: ajv-formats says ${expected}`);
      if (expected) valid += 1;
    }
    // Both kinds are well represented, or the comparison says little.
    expect(valid).toBeGreaterThan(10_000);
    expect(valid).toBeLessThan(180_000);
  });

  it('takes the forms events carry and refuses impossible dates', () => {
    expect(isDateTime('2026-12-05T12:00:00.000Z')).toBe(true);
    expect(isDateTime('2026-12-05T12:00:00+01:00')).toBe(true);
    expect(isDateTime('2024-02-29T00:00:00Z')).toBe(true);
    expect(isDateTime('2023-02-29T00:00:00Z')).toBe(false);
    expect(isDateTime('2026-12-05T12:00:00')).toBe(false);
    expect(isDateTime('2026-12-05T24:00:00Z')).toBe(false);
    // Another form, answered by ajv-formats itself: a leap second at the end of a UTC day.
    expect(isDateTime('2016-12-31T23:59:60Z')).toBe(true);
    // ajv-formats reads these seconds as 60 (a double), a leap second only at the end of a UTC day.
    expect(isDateTime('2026-12-05T12:00:59.9999999999999999Z')).toBe(false);
    expect(isDateTime('2026-12-05T23:59:59.9999999999999999Z')).toBe(true);
  });
});
