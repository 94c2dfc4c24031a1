/** One step of an alignment: an entry on both sides (equal or changed), or on one side only. */
export interface AlignmentStep {
  readonly before?: number;
  readonly after?: number;
  readonly equal: boolean;
}

// Above this many cells the quadratic table costs more than the detail is worth: the middle is one changed block.
const MAX_TABLE_CELLS = 4_000_000;

/** Pairs of indexes of a longest common subsequence of the two middles, in order. */
function commonSubsequence<T>(
  before: readonly T[],
  after: readonly T[],
  equals: (a: T, b: T) => boolean,
): [number, number][] {
  const n = before.length;
  const m = after.length;
  if (n === 0 || m === 0 || n * m > MAX_TABLE_CELLS) return [];
  // lengths[i][j]: LCS length of before[i..] and after[j..], as one flat table.
  const lengths = new Uint32Array((n + 1) * (m + 1));
  const at = (i: number, j: number) => i * (m + 1) + j;
  for (let i = n - 1; i >= 0; i -= 1) {
    for (let j = m - 1; j >= 0; j -= 1) {
      lengths[at(i, j)] = equals(before[i]!, after[j]!)
        ? lengths[at(i + 1, j + 1)]! + 1
        : Math.max(lengths[at(i + 1, j)]!, lengths[at(i, j + 1)]!);
    }
  }
  const pairs: [number, number][] = [];
  let i = 0;
  let j = 0;
  while (i < n && j < m) {
    if (equals(before[i]!, after[j]!)) {
      pairs.push([i, j]);
      i += 1;
      j += 1;
    } else if (lengths[at(i + 1, j)]! >= lengths[at(i, j + 1)]!) i += 1;
    else j += 1;
  }
  return pairs;
}

/**
 * Aligns two sequences on a longest common subsequence. Between two aligned entries, the entries removed and added
 * are paired in order as changed entries, and what is left over is a removal or an addition. Pure.
 */
export function alignSequences<T>(
  before: readonly T[],
  after: readonly T[],
  equals: (a: T, b: T) => boolean,
): AlignmentStep[] {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && equals(before[prefix]!, after[prefix]!)) prefix += 1;
  let suffix = 0;
  while (
    suffix < before.length - prefix &&
    suffix < after.length - prefix &&
    equals(before[before.length - 1 - suffix]!, after[after.length - 1 - suffix]!)
  )
    suffix += 1;
  const middle = commonSubsequence(
    before.slice(prefix, before.length - suffix),
    after.slice(prefix, after.length - suffix),
    equals,
  ).map(([b, a]) => [b + prefix, a + prefix] as const);
  const anchors = [
    ...Array.from({ length: prefix }, (_, k) => [k, k] as const),
    ...middle,
    ...Array.from({ length: suffix }, (_, k) => [before.length - suffix + k, after.length - suffix + k] as const),
  ];
  const steps: AlignmentStep[] = [];
  let b = 0;
  let a = 0;
  const gap = (untilBefore: number, untilAfter: number) => {
    const removed = untilBefore - b;
    const added = untilAfter - a;
    const paired = Math.min(removed, added);
    for (let k = 0; k < paired; k += 1) steps.push({ before: b + k, after: a + k, equal: false });
    for (let k = paired; k < removed; k += 1) steps.push({ before: b + k, equal: false });
    for (let k = paired; k < added; k += 1) steps.push({ after: a + k, equal: false });
  };
  for (const [anchorBefore, anchorAfter] of anchors) {
    gap(anchorBefore, anchorAfter);
    steps.push({ before: anchorBefore, after: anchorAfter, equal: true });
    b = anchorBefore + 1;
    a = anchorAfter + 1;
  }
  gap(before.length, after.length);
  return steps;
}
