import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../drills/chaos/schedule.js';
import { eventId, uuidV5 } from './event-id.js';

describe('uuidV5', () => {
  it('matches the RFC 9562 example for the DNS namespace', () => {
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe(
      '2ed6657d-e927-568b-95e1-2665a8aea6a2',
    );
  });
});

describe('eventId', () => {
  it('gives a retried request with the same caller and key the same id', () => {
    expect(eventId('team-a', 'order-42')).toBe(eventId('team-a', 'order-42'));
  });

  it('gives every event of a batch its own id, stable across retries', () => {
    expect(eventId('team-a', 'batch-7', 0)).not.toBe(eventId('team-a', 'batch-7', 1));
    expect(eventId('team-a', 'batch-7', 1)).toBe(eventId('team-a', 'batch-7', 1));
  });

  it('never lets two callers collide on the same key', () => {
    expect(eventId('team-a', 'order-42')).not.toBe(eventId('team-b', 'order-42'));
  });

  it('is a lower-case UUID, the form every comparison uses', () => {
    expect(eventId('team-a', 'order-42')).toMatch(
      /^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
    );
  });
});

describe('eventId derivation', () => {
  it('derives the very ids earlier releases gave, so a retry across a deploy carries the same ids', () => {
    expect(eventId('team-a', 'order-42')).toBe('b31c7f0b-012c-53f0-8866-e51cd6c9c4c5');
    expect(eventId('anonymous', 'k', 137)).toBe('32396ffe-6e30-534e-8d3b-ed9df2f1975d');
    expect(eventId('tëam', 'ключ', 3)).toBe('b3f0ad5d-1d04-5d84-b5a7-26caf0979ae4');
  });
});

// RFC 9562's steps, written the plain way: a hash object fed the namespace's bytes and the name's UTF-8.
function referenceUuidV5(name: string, namespace: string): string {
  const digest = createHash('sha1')
    .update(Buffer.from(namespace.replaceAll('-', ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  digest[6] = (digest[6]! & 0x0f) | 0x50;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// Pieces of names: ASCII, two- and three-byte UTF-8, astral characters (two UTF-16 units), a lone surrogate.
const PIECES = ['a', 'key-', '#', '\n', 'é', 'ключ', '漢字', '😀', '\ud800', 'x'.repeat(97)];

describe('uuidV5 against the RFC steps', () => {
  it('gives the same UUID for 5,000 generated names, short and long, across namespaces', () => {
    const next = seededRandom(20_261_205);
    const namespaces = ['6ba7b810-9dad-11d1-80b4-00c04fd430c8', '4c7b8f0e-2a51-4d6b-9a7e-3f1d2c5b8e90'];
    for (let n = 0; n < 5_000; n += 1) {
      // Up to ~1,400 UTF-16 units: across the length where a name stops fitting the reused buffer.
      const pieces = Math.floor(next() * (n % 10 === 0 ? 60 : 8));
      let name = '';
      for (let p = 0; p < pieces; p += 1) name += PIECES[Math.floor(next() * PIECES.length)]!;
      const namespace = namespaces[n % namespaces.length]!;
      expect(uuidV5(name, namespace), JSON.stringify(name)).toBe(referenceUuidV5(name, namespace));
    }
  });

  it('gives a name longer than the reused buffer the same UUID as the RFC steps', () => {
    // The buffer takes a name of up to 341 UTF-16 units whatever they encode to; 342 is the first that does not.
    for (const name of ['€'.repeat(341), '€'.repeat(342), '€'.repeat(400), '\ud800'.repeat(400), 'x'.repeat(5000)]) {
      expect(uuidV5(name, '6ba7b810-9dad-11d1-80b4-00c04fd430c8'), `${name.length} units`).toBe(
        referenceUuidV5(name, '6ba7b810-9dad-11d1-80b4-00c04fd430c8'),
      );
    }
  });
});

describe('uuidV5 namespaces', () => {
  it('refuses a namespace that is not a UUID instead of hashing what an earlier call left in its buffer', () => {
    expect(() => uuidV5('x', 'zz')).toThrow('not a UUID: "zz"');
    expect(() => uuidV5('x', '6ba7b810-9dad-11d1-80b4')).toThrow(TypeError);
  });
});
