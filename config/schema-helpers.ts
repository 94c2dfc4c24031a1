import type { TInteger, TObject, TProperties, TString } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';

/** An object whose unknown keys are errors: a typo in env.yaml must fail, not be ignored. */
export function strictObject<T extends TProperties>(properties: T, description?: string): TObject<T> {
  return Type.Object(properties, { additionalProperties: false, ...(description ? { description } : {}) });
}

/** A string from a fixed set, as a plain `enum` (ajv reports one readable error, not one per union member). */
export function stringEnum<const T extends readonly string[]>(values: T, description?: string) {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...(description ? { description } : {}) });
}

/** A string checked by a pattern; `expected` is the phrase error messages show instead of the regex. */
export function patternString(pattern: string, expected: string): TString {
  return Type.String({ pattern, description: expected });
}

export function port(description: string): TInteger {
  return Type.Integer({ minimum: 1, maximum: 65535, description });
}
