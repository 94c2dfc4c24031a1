/** JSON Schema as plain data. */
export type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * Makes a schema strict the way kubeconform's `-strict` expects: every object that lists its properties refuses
 * unknown ones (`additionalProperties: false`), unless it says otherwise (`additionalProperties` given, or
 * `x-kubernetes-preserve-unknown-fields`). Returns a new schema; the input is not modified.
 */
export function strictify(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (!isObject(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    // `properties` maps names to schemas; every other keyword either is a schema or holds schemas.
    out[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, strictify(v)]))
        : strictify(value);
  }
  const listsProperties = isObject(schema.properties);
  if (
    listsProperties &&
    !('additionalProperties' in schema) &&
    schema['x-kubernetes-preserve-unknown-fields'] !== true
  ) {
    out.additionalProperties = false;
  }
  return out;
}

/** OpenAPI's `nullable: true` as JSON Schema: the type also admits null. */
export function nullableToType(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(nullableToType);
  if (!isObject(schema)) return schema;
  const out: Schema = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'nullable') continue;
    out[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nullableToType(v)]))
        : nullableToType(value);
  }
  if (schema.nullable === true && typeof schema.type === 'string') out.type = [schema.type, 'null'];
  return out;
}
