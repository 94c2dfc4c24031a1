/**
 * A PostgreSQL array literal (`{"a","b",NULL,3}`) for a query parameter cast to an array type (`$1::uuid[]`).
 *
 * node-postgres turns a JavaScript array into the same text itself, escaping every element with two regular
 * expressions: for the worker's nine columns of a 500-event chunk that was the largest single cost in its profile
 * (`npm run bench -- --only worker --cpu-profile`). The columns hold values the event contract validated (uuids,
 * account ids, timestamps, hex hashes, integers), which rarely need an escape: every string is quoted (so an account
 * "NULL" stays a string), and only one holding a quote or a backslash is escaped. Pure.
 */
export function arrayLiteral(values: readonly (string | number | bigint | null | undefined)[]): string {
  let text = '{';
  for (let i = 0; i < values.length; i += 1) {
    if (i > 0) text += ',';
    const value = values[i];
    if (value === null || value === undefined) text += 'NULL';
    else if (typeof value === 'string')
      text += value.includes('"') || value.includes('\\') ? `"${value.replace(/[\\"]/g, '\\$&')}"` : `"${value}"`;
    else text += String(value);
  }
  return `${text}}`;
}
