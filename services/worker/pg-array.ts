type ArrayElement = string | number | bigint | null | undefined;

/**
 * A PostgreSQL array literal (`{"a","b",NULL,3}`) for a query parameter cast to an array type (`$1::uuid[]`).
 *
 * node-postgres turns a JavaScript array into the same text itself, escaping every element with two regular
 * expressions: for the worker's columns of a 500-event chunk that was the largest single cost in its profile
 * (`npm run bench -- --only worker --cpu-profile`). The columns hold values the event contract validated (uuids,
 * account ids, timestamps, hex hashes, integers), which rarely need an escape: every string is quoted (so an account
 * "NULL" stays a string), and only one holding a quote or a backslash is escaped.
 *
 * A column of plain strings, or of numbers, is written by one `join`: one flat string, where appending element by
 * element left a rope of a few small strings per element for the garbage collector (`npm run bench:event-path`, the
 * chunk's columns as node-postgres takes them: 1,313 bytes per event element by element, 440 joined). Pure.
 */
export function arrayLiteral(values: readonly ArrayElement[]): string {
  if (values.length === 0) return '{}';
  if (values.every(isPlainString)) return joined(values, '{"', '","', '"}');
  if (values.every(isNumber)) return joined(values, '{', ',', '}');
  let text = '{';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) text += ',';
    text += element(values[i]);
  }
  return `${text}}`;
}

/**
 * `prefix + values.join(separator) + suffix`, but flat: the braces added around a joined column make a rope that
 * node-postgres's Buffer.byteLength flattens into a copy of the whole column (586 bytes per event instead of 440,
 * `npm run bench:event-path`); put on the first and the last element, they are inside the one string join writes.
 */
function joined(values: readonly ArrayElement[], prefix: string, separator: string, suffix: string): string {
  const parts = values.slice();
  parts[0] = `${prefix}${parts[0]}`;
  parts[parts.length - 1] = `${parts[parts.length - 1]}${suffix}`;
  return parts.join(separator);
}

function needsEscape(text: string): boolean {
  return text.includes('"') || text.includes('\\');
}

function isPlainString(value: ArrayElement): value is string {
  return typeof value === 'string' && !needsEscape(value);
}

function isNumber(value: ArrayElement): value is number | bigint {
  return typeof value === 'number' || typeof value === 'bigint';
}

function element(value: ArrayElement): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'string') return `"${needsEscape(value) ? value.replace(/[\\"]/g, '\\$&') : value}"`;
  return String(value);
}
