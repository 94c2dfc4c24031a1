import type { ErrorObject } from 'ajv';
import type { PathSegment } from './source-map.js';

/** Where in the source an error should point. */
export type Anchor = 'value' | 'key' | 'container';

export interface DescribedError {
  readonly path: readonly string[];
  readonly anchor: Anchor;
  readonly message: string;
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'string') return `string ${JSON.stringify(value)}`;
  return `${typeof value} ${JSON.stringify(value) ?? String(typeof value)}`;
}

function pointerSegments(pointer: string): string[] {
  if (pointer === '') return [];
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replaceAll('~1', '/').replaceAll('~0', '~'));
}

function schemaDescription(schema: unknown): string | undefined {
  const description = (schema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? description : undefined;
}

/** Turns one ajv error (with `verbose: true`) into a path and a sentence that says what was expected. */
export function describeAjvError(error: ErrorObject): DescribedError {
  const path = pointerSegments(error.instancePath);
  const got = describeValue(error.data);
  const params = error.params as Record<string, unknown>;
  const described = schemaDescription(error.parentSchema);
  switch (error.keyword) {
    case 'required':
      return { path: [...path, String(params.missingProperty)], anchor: 'container', message: 'missing required key' };
    case 'additionalProperties': {
      const allowed = Object.keys((error.parentSchema as { properties?: object } | undefined)?.properties ?? {});
      return {
        path: [...path, String(params.additionalProperty)],
        anchor: 'key',
        message: `unknown key; expected one of: ${allowed.join(', ')}`,
      };
    }
    case 'type':
      return { path, anchor: 'value', message: `expected ${String(params.type)}, got ${got}` };
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const comparison = {
        minimum: 'at least',
        maximum: 'at most',
        exclusiveMinimum: 'more than',
        exclusiveMaximum: 'less than',
      }[error.keyword];
      const meaning = described ? ` (${described})` : '';
      return {
        path,
        anchor: 'value',
        message: `must be ${comparison} ${String(params.limit)}, got ${String(error.data)}${meaning}`,
      };
    }
    case 'pattern':
      return {
        path,
        anchor: 'value',
        message: `expected ${described ?? `a string matching ${String(params.pattern)}`}, got ${got}`,
      };
    case 'enum': {
      const allowed = (params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ');
      return { path, anchor: 'value', message: `expected one of ${allowed}, got ${got}` };
    }
    case 'uniqueItems':
      return { path, anchor: 'value', message: `items ${String(params.j)} and ${String(params.i)} are duplicates` };
    default:
      return { path, anchor: 'value', message: error.message ?? `fails ${error.keyword}` };
  }
}

export type { PathSegment };
