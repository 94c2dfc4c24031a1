import { entryKeys } from './list-keys.js';
import { alignSequences } from './sequence-alignment.js';

/**
 * One changed field: its path (`spec.template.spec.containers[worker].image`, `spec.triggers[kafka].metadata.x`,
 * `args[2]`) and the values on each side. Paths always end at the smallest value that changed.
 */
export interface FieldChange {
  readonly path: string;
  /** Undefined when the field is new. */
  readonly before?: unknown;
  /** Undefined when the field was removed. */
  readonly after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

/** Entries with a key (name, type, alert, port/protocol, ...) are matched by it, wherever they moved. */
function diffKeyedList(
  path: string,
  before: unknown[],
  after: unknown[],
  keys: [string[], string[]],
  out: FieldChange[],
) {
  const [beforeKeys, afterKeys] = keys;
  const b = new Map(beforeKeys.map((k, i) => [k, before[i]]));
  const a = new Map(afterKeys.map((k, i) => [k, after[i]]));
  for (const key of beforeKeys.filter((k) => a.has(k))) diffValues(`${path}[${key}]`, b.get(key), a.get(key), out);
  // Entries that lost their key on one side and gained another on the other are the same entry renamed, paired in
  // order: a renamed container is one changed container, not a removal and an addition of everything in it.
  const removed = beforeKeys.filter((k) => !a.has(k));
  const added = afterKeys.filter((k) => !b.has(k));
  const paired = Math.min(removed.length, added.length);
  for (let i = 0; i < paired; i += 1)
    diffValues(`${path}[${removed[i]}→${added[i]}]`, b.get(removed[i]!), a.get(added[i]!), out);
  for (const key of removed.slice(paired)) out.push({ path: `${path}[${key}]`, before: b.get(key) });
  for (const key of added.slice(paired)) out.push({ path: `${path}[${key}]`, after: a.get(key) });
}

/**
 * Entries without a key (args, policy rules, peers) are matched by position after aligning equal entries, so an
 * inserted argument is one addition, not a change of every argument after it. Unequal entries between two aligned
 * ones are the same entry changed, and the diff descends into them. Indexes are the head's (the base's if removed).
 */
function diffPositionalList(path: string, before: unknown[], after: unknown[], out: FieldChange[]) {
  for (const step of alignSequences(before, after, same)) {
    if (step.before !== undefined && step.after !== undefined) {
      diffValues(`${path}[${step.after}]`, before[step.before], after[step.after], out);
    } else if (step.before !== undefined) out.push({ path: `${path}[${step.before}]`, before: before[step.before] });
    else if (step.after !== undefined) out.push({ path: `${path}[${step.after}]`, after: after[step.after] });
  }
}

function diffValues(path: string, before: unknown, after: unknown, out: FieldChange[]): void {
  if (isObject(before) && isObject(after)) {
    for (const key of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if (!(key in after)) out.push({ path: join(path, key), before: before[key] });
      else if (!(key in before)) out.push({ path: join(path, key), after: after[key] });
      else diffValues(join(path, key), before[key], after[key], out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    if (same(before, after)) return;
    const keys = entryKeys(before, after);
    if (keys) diffKeyedList(path, before, after, keys, out);
    else diffPositionalList(path, before, after, out);
    return;
  }
  if (!same(before, after)) out.push({ path, before, after });
}

/** Field-level differences between two versions of one object. Pure. */
export function diffObjects(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diffValues('', before, after, out);
  return out;
}
