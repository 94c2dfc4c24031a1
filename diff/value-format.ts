/** Values longer than this are shown as a window around the first difference. */
const MAX_VALUE_CHARS = 120;
const CONTEXT_BEFORE_DIFFERENCE = 40;

/** A value as a reviewer reads it: strings quoted (so `"20"` and `20` differ), structures as compact JSON. */
export function formatValue(value: unknown): string {
  return value === undefined ? '∅' : JSON.stringify(value);
}

function window(text: string, start: number): string {
  const end = start + MAX_VALUE_CHARS - 2;
  return `${start > 0 ? '…' : ''}${text.slice(start, end)}${end < text.length ? '…' : ''}`;
}

/**
 * Both sides of a change, shortened when long so that what is shown still differs: each side is cut to the same
 * window around the first character where they differ, never to two identical prefixes.
 */
export function formatPair(before: unknown, after: unknown): [string, string] {
  const b = formatValue(before);
  const a = formatValue(after);
  if (b.length <= MAX_VALUE_CHARS && a.length <= MAX_VALUE_CHARS) return [b, a];
  let common = 0;
  while (common < b.length && common < a.length && b[common] === a[common]) common += 1;
  const start = Math.max(0, common - CONTEXT_BEFORE_DIFFERENCE);
  const shown: [string, string] = [
    b.length <= MAX_VALUE_CHARS ? b : window(b, start),
    a.length <= MAX_VALUE_CHARS ? a : window(a, start),
  ];
  return shown[0] === shown[1] ? [b, a] : shown;
}
