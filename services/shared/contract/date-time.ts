import { fullFormats } from 'ajv-formats/dist/formats.js';

const RFC3339 = fullFormats['date-time'] as { validate: (text: string) => boolean };
const DAYS_IN_MONTH = [0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The value of two ASCII digits at `at`, or -1. */
function twoDigits(text: string, at: number): number {
  const a = text.charCodeAt(at) - 48;
  const b = text.charCodeAt(at + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/**
 * ajv-formats' `date-time` check (RFC 3339, full mode), read character by character for the form every event carries
 * (`2026-12-05T12:00:00.000Z`, `…+01:00`), and handed to ajv-formats itself for every other form (a lower-case `t`,
 * a space, `+0100`, a leap second, anything invalid). Its split and three regular expressions per timestamp were about
 * 7 % of the worker's CPU (`npm run bench -- --only worker --cpu-profile`); the answer is always the one
 * ajv-formats gives (date-time.test.ts compares them on generated near-misses).
 */
export function isDateTime(text: string): boolean {
  // YYYY-MM-DDTHH:MM:SS, then an optional fraction, then Z or ±HH:MM.
  if (text.length < 20 || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45 || text.charCodeAt(10) !== 84)
    return RFC3339.validate(text);
  if (text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58) return RFC3339.validate(text);
  const century = twoDigits(text, 0);
  const yearInCentury = twoDigits(text, 2);
  const month = twoDigits(text, 5);
  const day = twoDigits(text, 8);
  const hour = twoDigits(text, 11);
  const minute = twoDigits(text, 14);
  const second = twoDigits(text, 17);
  if (century < 0 || yearInCentury < 0 || month < 1 || month > 12 || day < 1) return RFC3339.validate(text);
  if (hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0 || second > 59) return RFC3339.validate(text);
  const year = century * 100 + yearInCentury;
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  if (day > (month === 2 && leap ? 29 : DAYS_IN_MONTH[month]!)) return RFC3339.validate(text);
  let at = 19;
  if (text.charCodeAt(at) === 46) {
    // ajv-formats reads the seconds as one number: 59.99999999999999999 rounds to 60 there, and it answers as for a
    // leap second. Its own answer, then, for any fraction of the 59th second.
    if (second === 59) return RFC3339.validate(text);
    at += 1;
    const digits = at;
    while (at < text.length && isDigit(text.charCodeAt(at))) at += 1;
    if (at === digits) return RFC3339.validate(text);
  }
  if (at === text.length - 1 && text.charCodeAt(at) === 90) return true;
  const sign = text.charCodeAt(at);
  if (at === text.length - 6 && (sign === 43 || sign === 45) && text.charCodeAt(at + 3) === 58) {
    const offsetHours = twoDigits(text, at + 1);
    const offsetMinutes = twoDigits(text, at + 4);
    if (offsetHours >= 0 && offsetHours <= 23 && offsetMinutes >= 0 && offsetMinutes <= 59) return true;
  }
  return RFC3339.validate(text);
}
