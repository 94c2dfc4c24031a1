// How the entries of a list are told apart across two versions, so a change inside one entry is shown as a change of
// that entry's field (`spec.triggers[kafka].metadata.lagThreshold`), not as a new list.

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: unknown): string | undefined =>
  typeof v === 'string' || typeof v === 'number' ? String(v) : undefined;

/** What identifies one entry, or undefined when the entry lacks it. */
type KeyOf = (entry: Record<string, unknown>) => string | undefined;

/**
 * The keys tried in order; the first that every entry on both sides has, unique on each side, identifies entries.
 * `name` covers containers, env vars, volumes, named ports; `alert`/`record` Prometheus rules; `type` KEDA triggers,
 * HPA metrics and scaling policies; then ports by number and protocol, and the identifying fields of the rest.
 */
const KEYS: readonly KeyOf[] = [
  (e) => text(e.name),
  (e) => text(e.alert),
  (e) => text(e.record),
  (e) => text(e.type),
  // An HPA metric of one type per resource: `Resource:cpu`, `Resource:memory`.
  (e) => {
    const type = text(e.type);
    const source = type ? e[type.charAt(0).toLowerCase() + type.slice(1)] : undefined;
    const name = isObject(source)
      ? (text(source.name) ?? (isObject(source.metric) ? text(source.metric.name) : undefined))
      : undefined;
    return type && name ? `${type}:${name}` : undefined;
  },
  (e) => {
    const port = text(e.port) ?? text(e.containerPort);
    return port === undefined ? undefined : `${port}/${text(e.protocol) ?? 'TCP'}`;
  },
  (e) => text(e.secretKey),
  (e) => text(e.mountPath),
  (e) => text(e.host),
  (e) => text(e.path),
  (e) => (text(e.kind) ? `${text(e.group) ?? ''}/${text(e.kind)}` : undefined),
  (e) => (text(e.namespace) && text(e.server) ? `${text(e.namespace)}@${text(e.server)}` : undefined),
];

function keysWith(keyOf: KeyOf, list: readonly unknown[]): string[] | undefined {
  if (!list.every(isObject)) return undefined;
  const keys = list.map((e) => keyOf(e));
  if (keys.some((k) => k === undefined)) return undefined;
  return new Set(keys).size === keys.length ? (keys as string[]) : undefined;
}

/**
 * The identity of each entry of both lists by the best key both have, or undefined when none fits (then entries are
 * matched by position). Empty lists take any key: an entry added to an empty list is shown under its key.
 */
export function entryKeys(before: readonly unknown[], after: readonly unknown[]): [string[], string[]] | undefined {
  if (before.length + after.length === 0) return undefined;
  for (const keyOf of KEYS) {
    const b = keysWith(keyOf, before);
    const a = keysWith(keyOf, after);
    if (b && a) return [b, a];
  }
  return undefined;
}
