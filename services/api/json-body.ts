import secureJson from 'secure-json-parse';
import { ApiError } from './errors.js';

/**
 * The deepest nesting of objects and arrays in a JSON text, found in one pass without parsing, stopping as soon as it
 * passes `limit`: a body nested 10,000 deep is refused before anything recursive (JSON.parse, validation, hashing)
 * touches it. Pure.
 */
export function nestingExceeds(text: string, limit: number): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c)
        i += 1; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
    } else if (c === 0x22) inString = true;
    else if (c === 0x7b || c === 0x5b) {
      depth += 1;
      if (depth > limit) return true;
    } else if (c === 0x7d || c === 0x5d) depth -= 1;
  }
  return false;
}

/** Parses a JSON request body: bounded nesting, and no `__proto__`/`constructor` keys (prototype poisoning). */
export function parseJsonBody(text: string, maxDepth: number): unknown {
  if (text.length === 0) throw new ApiError('INVALID_JSON', 'the request body is empty');
  if (nestingExceeds(text, maxDepth))
    throw new ApiError('INVALID_JSON', `the request body nests objects or arrays deeper than ${maxDepth} levels`);
  try {
    return secureJson.parse(text, undefined, { protoAction: 'error', constructorAction: 'error' });
  } catch (error) {
    throw new ApiError('INVALID_JSON', `the request body is not valid JSON: ${(error as Error).message.slice(0, 200)}`);
  }
}
