import type { Schema } from './strict-schema.js';
import { nullableToType, strictify } from './strict-schema.js';

/** One Kubernetes kind as a standalone, strict JSON Schema, under the file name kubeconform looks for. */
export interface StandaloneSchema {
  /** e.g. deployment-apps-v1.json, service-v1.json, networkpolicy-networking-v1.json */
  readonly fileName: string;
  readonly schema: Schema;
}

interface GroupVersionKind {
  readonly group: string;
  readonly version: string;
  readonly kind: string;
}

const REF_PREFIX = '#/components/schemas/';
const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** kubeconform's file name for a kind: `<kind>[-<first label of the group>]-<version>.json`, lower case. */
export function kubeconformFileName(gvk: GroupVersionKind): string {
  const group = gvk.group === '' ? '' : `-${gvk.group.split('.')[0]!.toLowerCase()}`;
  return `${gvk.kind.toLowerCase()}${group}-${gvk.version.toLowerCase()}.json`;
}

/**
 * Inlines every `$ref` so the schema stands alone. Kubernetes wraps refs that carry a default or description in
 * `allOf: [{$ref}]`; those collapse to the referenced schema. A reference cycle (only JSONSchemaProps has one) is cut
 * with a permissive schema at the point it recurs.
 */
function inline(node: unknown, schemas: Record<string, Schema>, stack: string[]): unknown {
  if (Array.isArray(node)) return node.map((n) => inline(n, schemas, stack));
  if (!isObject(node)) return node;
  if (typeof node.$ref === 'string') {
    const name = node.$ref.slice(REF_PREFIX.length);
    if (stack.includes(name)) return {};
    const target = schemas[name];
    if (!target) throw new Error(`unresolved $ref ${node.$ref}`);
    return inline(target, schemas, [...stack, name]);
  }
  if (
    Array.isArray(node.allOf) &&
    node.allOf.length === 1 &&
    isObject(node.allOf[0]) &&
    typeof node.allOf[0].$ref === 'string'
  ) {
    const { allOf, ...rest } = node;
    const resolved = inline(allOf[0], schemas, stack) as Schema;
    return { ...resolved, ...(rest.default !== undefined ? { default: rest.default } : {}) };
  }
  const out: Schema = {};
  for (const [key, value] of Object.entries(node)) {
    out[key] =
      key === 'properties' && isObject(value)
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, inline(v, schemas, stack)]))
        : inline(value, schemas, stack);
  }
  return out;
}

function gvksOf(schema: Schema): GroupVersionKind[] {
  const list = schema['x-kubernetes-group-version-kind'];
  return Array.isArray(list) ? (list as GroupVersionKind[]) : [];
}

/**
 * Converts one Kubernetes OpenAPI v3 document (api/openapi-spec/v3/*.json of kubernetes/kubernetes) into one strict
 * standalone schema per kind it defines. `kind` and `apiVersion` are pinned with enums, as kubeconform's own are.
 */
export function standaloneSchemas(document: unknown): StandaloneSchema[] {
  const schemas = (document as { components?: { schemas?: Record<string, Schema> } }).components?.schemas ?? {};
  const result: StandaloneSchema[] = [];
  for (const [name, schema] of Object.entries(schemas)) {
    for (const gvk of gvksOf(schema)) {
      // List kinds and the meta "WatchEvent"/"DeleteOptions" entries carry a GVK too; only real resources need schemas.
      if (
        gvk.kind.endsWith('List') ||
        [
          'WatchEvent',
          'DeleteOptions',
          'Status',
          'APIVersions',
          'APIGroup',
          'APIGroupList',
          'APIResourceList',
        ].includes(gvk.kind)
      )
        continue;
      const resolved = nullableToType(inline(schema, schemas, [name])) as Schema;
      const apiVersion = gvk.group === '' ? gvk.version : `${gvk.group}/${gvk.version}`;
      const properties = (resolved.properties ?? {}) as Schema;
      const standalone = {
        ...resolved,
        properties: {
          ...properties,
          apiVersion: { ...(properties.apiVersion as Schema), enum: [apiVersion] },
          kind: { ...(properties.kind as Schema), enum: [gvk.kind] },
        },
      };
      result.push({ fileName: kubeconformFileName(gvk), schema: strictify(standalone) as Schema });
    }
  }
  return result;
}
