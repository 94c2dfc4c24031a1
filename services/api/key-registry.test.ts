import { describe, expect, it } from 'vitest';
import type { KeyClaim, KeyStore } from './key-registry.js';
import { InMemoryKeyStore, KeyRegistry } from './key-registry.js';

const at = new Date('2026-11-26T10:00:00.000Z');
const claim = (key: string, requestHash: string, caller = 'team-a'): KeyClaim => ({
  caller,
  key,
  requestHash,
  eventIds: [`${caller}-${key}-${requestHash}`],
  acceptedAt: at,
});

describe('KeyRegistry', () => {
  it('makes the first request with a key its owner and replays its answer to an identical retry', async () => {
    const registry = new KeyRegistry(new InMemoryKeyStore());
    expect(await registry.claim(claim('k', 'h1'))).toStrictEqual({
      kind: 'first',
      eventIds: ['team-a-k-h1'],
      acceptedAt: at,
    });
    const later = { ...claim('k', 'h1'), eventIds: ['other'], acceptedAt: new Date() };
    expect(await registry.claim(later)).toStrictEqual({ kind: 'replay', eventIds: ['team-a-k-h1'], acceptedAt: at });
  });

  it('refuses the key with another request body', async () => {
    const registry = new KeyRegistry(new InMemoryKeyStore());
    await registry.claim(claim('k', 'h1'));
    expect(await registry.claim(claim('k', 'h2'))).toStrictEqual({ kind: 'conflict' });
  });

  it('keeps the keys of two callers apart', async () => {
    const registry = new KeyRegistry(new InMemoryKeyStore());
    await registry.claim(claim('k', 'h1', 'team-a'));
    expect((await registry.claim(claim('k', 'h2', 'team-b'))).kind).toBe('first');
  });

  it('decides concurrent claims in one store call, and exactly one of them owns the key', async () => {
    const store = new InMemoryKeyStore();
    const calls: number[] = [];
    const counting: KeyStore = {
      claimAll: (claims) => {
        calls.push(claims.length);
        return store.claimAll(claims);
      },
    };
    const registry = new KeyRegistry(counting);
    const outcomes = await Promise.all([
      registry.claim(claim('k', 'h1')),
      registry.claim(claim('k', 'h1')),
      registry.claim(claim('k', 'h2')),
    ]);
    expect(calls).toStrictEqual([3]);
    expect(outcomes.map((o) => o.kind)).toStrictEqual(['first', 'replay', 'conflict']);
  });

  it('runs up to maxConcurrentFlushes store calls at once, so one slow commit does not hold back the next claims', async () => {
    const store = new InMemoryKeyStore();
    const pending: (() => void)[] = [];
    const slow: KeyStore = {
      claimAll: (claims) => new Promise((resolve) => pending.push(() => void store.claimAll(claims).then(resolve))),
    };
    const registry = new KeyRegistry(slow, 1, 2);
    const outcomes = ['a', 'b', 'c'].map((key) => registry.claim(claim(key, 'h1')));
    await new Promise((resolve) => setImmediate(resolve));
    // Two calls are out; the third claim waits for one of them to finish.
    expect(pending).toHaveLength(2);
    pending[1]!();
    expect((await outcomes[1]!).kind).toBe('first');
    expect(pending).toHaveLength(3);
    pending[0]!();
    pending[2]!();
    expect((await Promise.all(outcomes)).map((o) => o.kind)).toStrictEqual(['first', 'first', 'first']);
  });

  it('fails every waiting claim when the store fails, so each request answers 503 rather than hangs', async () => {
    const registry = new KeyRegistry({ claimAll: () => Promise.reject(new Error('connection refused')) });
    await expect(registry.claim(claim('k', 'h1'))).rejects.toThrow('connection refused');
  });
});
