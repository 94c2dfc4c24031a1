import type { Schema } from './strict-schema.js';
import { strictify } from './strict-schema.js';

/** One served version of a CRD as a strict schema, at `<group>/<kind>_<version>.json` (kubeconform's CRD layout). */
export interface CrdSchema {
  readonly path: string;
  readonly schema: Schema;
}

interface CrdDocument {
  kind?: string;
  spec?: {
    group: string;
    names: { kind: string };
    versions: { name: string; served?: boolean; schema?: { openAPIV3Schema?: Schema } }[];
  };
}

/** Converts a CustomResourceDefinition into one schema per served version; other documents yield nothing. */
export function crdSchemas(document: unknown): CrdSchema[] {
  const crd = document as CrdDocument;
  if (crd?.kind !== 'CustomResourceDefinition' || !crd.spec) return [];
  const { group, names, versions } = crd.spec;
  return versions
    .filter((v) => v.served !== false && v.schema?.openAPIV3Schema)
    .map((v) => {
      const base = v.schema!.openAPIV3Schema!;
      const properties = (base.properties ?? {}) as Schema;
      const schema = {
        ...base,
        properties: {
          ...properties,
          apiVersion: { type: 'string', enum: [`${group}/${v.name}`] },
          kind: { type: 'string', enum: [names.kind] },
          // CRD schemas leave metadata open; the API server checks it like any object's.
          metadata: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true },
        },
        required: [...new Set([...((base.required as string[] | undefined) ?? []), 'apiVersion', 'kind'])],
      };
      return { path: `${group}/${names.kind.toLowerCase()}_${v.name}.json`, schema: strictify(schema) as Schema };
    });
}
