import { Ajv } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { isDateTime } from './date-time.js';
import type { LedgerEvent } from './event.js';
import { LedgerEventSchema } from './event.js';

// ajv-formats is CommonJS: under NodeNext its callable export sits on `.default`.
const addFormats = addFormatsModule.default;

const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv, ['uuid']);
// ajv-formats' own answer, read faster for the form events carry (date-time.ts).
ajv.addFormat('date-time', isDateTime);
const validateLedgerEvent = ajv.compile<LedgerEvent>(LedgerEventSchema);

const HAS_UPPER_CASE = /[A-Z]/;
const UUID_LENGTH = 36;

// A message with 100,000 unknown fields must not produce a 3 MB error: the first few problems say enough.
const MAX_PROBLEMS = 10;

export type ParseResult = { ok: true; event: LedgerEvent } | { ok: false; error: string };

/** Parses one message value from the events topic; never throws, so a poison message cannot crash a consumer. */
export function parseLedgerEvent(value: Buffer | string | null): ParseResult {
  if (value === null) return { ok: false, error: 'message has no value' };
  let data: unknown;
  try {
    data = JSON.parse(typeof value === 'string' ? value : value.toString('utf8'));
  } catch (error) {
    return { ok: false, error: `value is not JSON: ${(error as Error).message.slice(0, 200)}` };
  }
  // A UUID's case carries no meaning, nor does the urn form the uuid format allows (`urn:uuid:<uuid>`, any case):
  // the bare lower-case form is the one every comparison, the API's own ids and PostgreSQL's uuid type use (which
  // refuses the urn form: such an event was dead-lettered as a failure to apply).
  if (validateLedgerEvent(data)) {
    // The object is this call's own (JSON.parse made it): the id is changed in place rather than copied, and only
    // when it needs it, since toLowerCase copies even a string it leaves as it was (`npm run bench:event-path`).
    if (data.id.length > UUID_LENGTH) data.id = data.id.slice(-UUID_LENGTH);
    if (HAS_UPPER_CASE.test(data.id)) data.id = data.id.toLowerCase();
    return { ok: true, event: data };
  }
  const errors = validateLedgerEvent.errors ?? [];
  const problems = errors.slice(0, MAX_PROBLEMS).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  const more = errors.length > MAX_PROBLEMS ? `; and ${errors.length - MAX_PROBLEMS} more` : '';
  return { ok: false, error: `value breaks the event contract: ${problems.join('; ')}${more}` };
}
