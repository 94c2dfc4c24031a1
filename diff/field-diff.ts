/** One changed field: its path (`spec.template.spec.containers[name=worker].image`) and the values on each side. */
export interface FieldChange {
  readonly path: string;
  /** Undefined when the field is new. */
  readonly before?: unknown;
  /** Undefined when the field was removed. */
  readonly after?: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Lists whose entries are objects with unique names (containers, env vars, ports, volumes) are matched by name. */
function namesOf(list: unknown[]): string[] | undefined {
  if (list.length === 0 || !list.every((e) => isObject(e) && typeof e.name === 'string')) return undefined;
  const names = list.map((e) => (e as { name: string }).name);
  return new Set(names).size === names.length ? names : undefined;
}

function join(path: string, key: string): string {
  return path === '' ? key : `${path}.${key}`;
}

function diffLists(path: string, before: unknown[], after: unknown[], out: FieldChange[]): void {
  const beforeNames = namesOf(before);
  const afterNames = namesOf(after);
  if (!beforeNames || !afterNames) {
    // Positional lists (args, rules, ports without names): a change is the whole list, which reads better than indexes.
    if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before, after });
    return;
  }
  const byName = (list: unknown[], names: string[]) => new Map(names.map((n, i) => [n, list[i]]));
  const b = byName(before, beforeNames);
  const a = byName(after, afterNames);
  for (const name of beforeNames.filter((n) => a.has(n)))
    diffValues(`${path}[name=${name}]`, b.get(name), a.get(name), out);
  // Entries that lost their name on one side and gained another on the other are the same entry renamed, paired in
  // order: a renamed container is one changed container, not a removal and an addition of everything in it.
  const removed = beforeNames.filter((n) => !a.has(n));
  const added = afterNames.filter((n) => !b.has(n));
  const paired = Math.min(removed.length, added.length);
  for (let i = 0; i < paired; i += 1)
    diffValues(`${path}[name=${removed[i]}→${added[i]}]`, b.get(removed[i]!), a.get(added[i]!), out);
  for (const name of removed.slice(paired)) out.push({ path: `${path}[name=${name}]`, before: b.get(name) });
  for (const name of added.slice(paired)) out.push({ path: `${path}[name=${name}]`, after: a.get(name) });
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
    diffLists(path, before, after, out);
    return;
  }
  if (JSON.stringify(before) !== JSON.stringify(after)) out.push({ path, before, after });
}

/** Field-level differences between two versions of one object. Pure. */
export function diffObjects(before: unknown, after: unknown): FieldChange[] {
  const out: FieldChange[] = [];
  diffValues('', before, after, out);
  return out;
}
