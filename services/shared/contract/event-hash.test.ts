import { describe, expect, it } from 'vitest';
import { canonicalHash, canonicalJson } from './canonical.js';
import type { LedgerEvent } from './event.js';
import { canonicalEventJson, ledgerEventHash } from './event-hash.js';
import { parseLedgerEvent } from './parse.js';
import { generatedLedgerEvent as event } from './testing.js';

describe('canonicalEventJson', () => {
  it('is the generic canonical JSON of every validated event, byte for byte', () => {
    for (let seed = 1; seed <= 3000; seed += 1) {
      const e = event(seed);
      expect(canonicalEventJson(e), `seed ${seed}`).toBe(canonicalJson(e));
    }
  });

  it('keeps the generic order with and without the optional fields', () => {
    const base: LedgerEvent = {
      id: '5b1c0c39-3b2f-5a51-9a4c-1f1b0e8c7d11',
      type: 'credit',
      accountId: 'a',
      amount: 7,
      occurredAt: '2026-12-05T12:00:00.000Z',
    };
    expect(canonicalEventJson(base)).toBe(
      '{"accountId":"a","amount":7,"id":"5b1c0c39-3b2f-5a51-9a4c-1f1b0e8c7d11","occurredAt":"2026-12-05T12:00:00.000Z","type":"credit"}',
    );
    const full = { ...base, acceptedAt: '2026-12-05T12:00:01.000Z', payload: { b: 1, a: [{ y: 1, x: 2 }] } };
    expect(canonicalEventJson(full)).toBe(canonicalJson(full));
    expect(canonicalEventJson(full).startsWith('{"acceptedAt":')).toBe(true);
  });
});

// Characters JSON escapes or that sit near what the contract's patterns and formats accept.
const AWKWARD_CHARACTERS = [
  '"',
  '\\',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\f',
  '\u0000',
  '\u001f',
  ' ',
  '\u00a0',
  '\u2028',
  '\ud800',
  '\udc00',
  '😀',
  'é',
  't',
  'z',
  ':',
  '+',
  '-',
  '.',
  '_',
  '/',
  '%',
];

describe('canonicalEventJson on whatever the parser accepts', () => {
  it('writes every string field as JSON.stringify would, with any character put anywhere in it', () => {
    const base = {
      id: 'urn:uuid:5B1C0C39-3B2F-5A51-9A4C-1F1B0E8C7D11',
      type: 'credit',
      accountId: 'a.b_c-D9',
      amount: 7,
      occurredAt: '2026-12-05T12:00:00.000Z',
      acceptedAt: '2026-12-05t12:00:00+01:00',
    };
    let accepted = 0;
    for (const field of ['id', 'type', 'accountId', 'occurredAt', 'acceptedAt'] as const) {
      const text = base[field];
      for (let at = 0; at <= text.length; at += 1)
        for (const c of AWKWARD_CHARACTERS)
          for (const changed of [text.slice(0, at) + c + text.slice(at), text.slice(0, at) + c + text.slice(at + 1)]) {
            const parsed = parseLedgerEvent(JSON.stringify({ ...base, [field]: changed }));
            if (!parsed.ok) continue;
            accepted += 1;
            expect(canonicalEventJson(parsed.event), JSON.stringify(changed)).toBe(canonicalJson(parsed.event));
          }
    }
    // Every UTF-16 code unit as the date-time's separator, where ajv-formats takes any white space.
    for (let code = 0; code <= 0xffff; code += 1) {
      const occurredAt = `2026-12-05${String.fromCharCode(code)}12:00:00Z`;
      const parsed = parseLedgerEvent(JSON.stringify({ ...base, occurredAt }));
      if (parsed.ok)
        expect(canonicalEventJson(parsed.event), `U+${code.toString(16)}`).toBe(canonicalJson(parsed.event));
    }
    // The date-time separator alone takes a tab, a line feed and every other white space (ajv-formats' date-time).
    expect(parseLedgerEvent(JSON.stringify({ ...base, occurredAt: '2026-12-05\n12:00:00Z' })).ok).toBe(true);
    expect(accepted).toBeGreaterThan(100);
  });
});

describe('ledgerEventHash', () => {
  it('is canonicalHash of the event: the dedup records of earlier releases compare equal', () => {
    for (let seed = 1; seed <= 200; seed += 1) {
      const e = event(seed);
      expect(ledgerEventHash(e)).toBe(canonicalHash(e));
    }
  });
});
