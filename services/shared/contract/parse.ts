import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import type { LedgerEvent } from './event.js';
import { LedgerEventSchema } from './event.js';

// ajv-formats is CommonJS: under NodeNext its callable export sits on `.default`.
const addFormats = addFormatsModule.default;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['date-time', 'uuid']);
const validateLedgerEvent = ajv.compile<LedgerEvent>(LedgerEventSchema);

export type ParseResult = { ok: true; event: LedgerEvent } | { ok: false; error: string };

/** Parses one message value from the events topic; never throws, so a poison message cannot crash a consumer. */
export function parseLedgerEvent(value: Buffer | string | null): ParseResult {
  if (value === null) return { ok: false, error: 'message has no value' };
  let data: unknown;
  try {
    data = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `value is not JSON: ${(error as Error).message}` };
  }
  if (validateLedgerEvent(data)) return { ok: true, event: data };
  const problems = (validateLedgerEvent.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  return { ok: false, error: `value breaks the event contract: ${problems.join('; ')}` };
}
