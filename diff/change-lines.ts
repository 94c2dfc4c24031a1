import type { FieldChange } from './field-diff.js';
import type { Hunk } from './line-diff.js';
import { changedLineCounts, isLongText, lineDiff } from './line-diff.js';
import { formatPair } from './value-format.js';

/** How one field change is shown: both values inline, or a line diff of a long text (a dashboard, a script). */
export type ChangeView =
  | { readonly kind: 'inline'; readonly before: string; readonly after: string }
  | { readonly kind: 'lines'; readonly hunks: Hunk[]; readonly removed: number; readonly added: number };

export function viewOf(change: FieldChange): ChangeView {
  if (isLongText(change.before) && isLongText(change.after)) {
    const hunks = lineDiff(change.before, change.after);
    return { kind: 'lines', hunks, ...changedLineCounts(hunks) };
  }
  const [before, after] = formatPair(change.before, change.after);
  return { kind: 'inline', before, after };
}

/** One line for a change: `path: before → after`, or `path: text changed (-1 +1 lines)` for a line diff. */
export function changeLine(change: FieldChange): string {
  const view = viewOf(change);
  return view.kind === 'inline'
    ? `${change.path}: ${view.before} → ${view.after}`
    : `${change.path}: text changed (-${view.removed} +${view.added} lines)`;
}
