import { alignSequences } from './sequence-alignment.js';

/** One line of a line diff: kept (context), removed or added. */
export interface DiffLine {
  readonly kind: ' ' | '-' | '+';
  readonly text: string;
}

/** A run of changed lines with some context, starting at these 1-based line numbers of each side. */
export interface Hunk {
  readonly beforeStart: number;
  readonly afterStart: number;
  readonly lines: DiffLine[];
}

const CONTEXT_LINES = 2;

/** Lines of a text value; JSON objects are pretty-printed first, so one changed key is one changed line. */
export function reviewLines(value: string): string[] {
  const trimmed = value.trim();
  if (/^[[{]/.test(trimmed)) {
    try {
      return JSON.stringify(JSON.parse(trimmed), null, 2).split('\n');
    } catch {
      // not JSON after all: plain lines
    }
  }
  return value.split('\n');
}

/** A value is reviewed as lines when it has several, or is a JSON document; a short one-liner reads better inline. */
export function isLongText(value: unknown): value is string {
  return typeof value === 'string' && (value.includes('\n') || (value.length > 120 && /^\s*[[{]/.test(value)));
}

/** A unified line diff of two texts, with a little context around each change. Pure. */
export function lineDiff(before: string, after: string): Hunk[] {
  const b = reviewLines(before);
  const a = reviewLines(after);
  const removedFirst = (lines: DiffLine[]) => [
    ...lines.filter((l) => l.kind === '-'),
    ...lines.filter((l) => l.kind === '+'),
  ];
  const all: { line: DiffLine; beforeNo: number; afterNo: number }[] = [];
  let pending: DiffLine[] = [];
  let beforeNo = 1;
  let afterNo = 1;
  const flush = () => {
    // Within one changed block, removals read first, then additions (as in a unified diff).
    for (const line of removedFirst(pending)) all.push({ line, beforeNo, afterNo });
    pending = [];
  };
  for (const step of alignSequences(b, a, (x, y) => x === y)) {
    if (step.equal) {
      flush();
      all.push({ line: { kind: ' ', text: b[step.before!]! }, beforeNo: step.before! + 1, afterNo: step.after! + 1 });
      beforeNo = step.before! + 2;
      afterNo = step.after! + 2;
      continue;
    }
    if (step.before !== undefined) pending.push({ kind: '-', text: b[step.before]! });
    if (step.after !== undefined) pending.push({ kind: '+', text: a[step.after]! });
  }
  flush();
  const hunks: Hunk[] = [];
  let current: { start: number; end: number } | undefined;
  const ranges: { start: number; end: number }[] = [];
  all.forEach((entry, index) => {
    if (entry.line.kind === ' ') return;
    const start = Math.max(0, index - CONTEXT_LINES);
    const end = Math.min(all.length - 1, index + CONTEXT_LINES);
    if (current && start <= current.end + 1) current.end = end;
    else {
      current = { start, end };
      ranges.push(current);
    }
  });
  for (const { start, end } of ranges) {
    const first = all[start]!;
    hunks.push({
      beforeStart: first.beforeNo,
      afterStart: first.afterNo,
      lines: all.slice(start, end + 1).map((e) => e.line),
    });
  }
  return hunks;
}

/** How many lines the diff removes and adds. */
export function changedLineCounts(hunks: readonly Hunk[]): { removed: number; added: number } {
  const lines = hunks.flatMap((h) => h.lines);
  return { removed: lines.filter((l) => l.kind === '-').length, added: lines.filter((l) => l.kind === '+').length };
}

/** The hunks as unified-diff text lines (`@@ -12 +12 @@`, then `-`, `+` and context lines). */
export function unifiedLines(hunks: readonly Hunk[]): string[] {
  return hunks.flatMap((h) => [
    `@@ -${h.beforeStart} +${h.afterStart} @@`,
    ...h.lines.map((l) => `${l.kind} ${l.text}`),
  ]);
}
