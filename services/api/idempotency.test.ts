import { describe, expect, it } from 'vitest';
import { IdempotencyCache, bodyFingerprint, validIdempotencyKey } from './idempotency.js';

describe('IdempotencyCache', () => {
  it('replays the first result for a retry with the same key and body, without producing again', async () => {
    const cache = new IdempotencyCache<string>(10);
    let produced = 0;
    const produce = async () => `result-${++produced}`;
    expect(await cache.run('k', 'body', produce)).toStrictEqual({ result: 'result-1', replayed: false });
    expect(await cache.run('k', 'body', produce)).toStrictEqual({ result: 'result-1', replayed: true });
    expect(produced).toBe(1);
  });

  it('shares one produce between concurrent retries', async () => {
    const cache = new IdempotencyCache<number>(10);
    let produced = 0;
    const produce = () => new Promise<number>((resolve) => setTimeout(() => resolve(++produced), 10));
    const results = await Promise.all([cache.run('k', 'b', produce), cache.run('k', 'b', produce)]);
    expect(results.map((r) => r.result)).toStrictEqual([1, 1]);
    expect(produced).toBe(1);
  });

  it('refuses the same key with a different body', async () => {
    const cache = new IdempotencyCache<string>(10);
    await cache.run('k', 'body-a', async () => 'a');
    await expect(cache.run('k', 'body-b', async () => 'b')).rejects.toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      statusCode: 422,
    });
  });

  it('forgets a failed produce so the retry really tries again', async () => {
    const cache = new IdempotencyCache<string>(10);
    await expect(cache.run('k', 'b', () => Promise.reject(new Error('kafka down')))).rejects.toThrow('kafka down');
    await new Promise((resolve) => setImmediate(resolve));
    expect(await cache.run('k', 'b', async () => 'ok')).toStrictEqual({ result: 'ok', replayed: false });
  });

  it('keeps at most `capacity` keys, dropping the least recently used', async () => {
    const cache = new IdempotencyCache<string>(2);
    await cache.run('a', 'x', async () => 'a');
    await cache.run('b', 'x', async () => 'b');
    await cache.run('a', 'x', async () => 'a again');
    await cache.run('c', 'x', async () => 'c');
    expect(cache.size).toBe(2);
    expect((await cache.run('a', 'x', async () => 'new')).replayed).toBe(true);
    expect((await cache.run('b', 'x', async () => 'new')).replayed).toBe(false);
  });
});

describe('validIdempotencyKey', () => {
  it('accepts visible ASCII up to 128 characters and nothing else', () => {
    expect(validIdempotencyKey(undefined)).toBeUndefined();
    expect(validIdempotencyKey('order-42:retry')).toBe('order-42:retry');
    expect(() => validIdempotencyKey('with space')).toThrow(/Idempotency-Key/);
    expect(() => validIdempotencyKey('x'.repeat(129))).toThrow(/Idempotency-Key/);
    expect(() => validIdempotencyKey(['a', 'b'])).toThrow(/Idempotency-Key/);
  });

  it('fingerprints bodies by content', () => {
    expect(bodyFingerprint({ a: 1 })).toBe(bodyFingerprint({ a: 1 }));
    expect(bodyFingerprint({ a: 1 })).not.toBe(bodyFingerprint({ a: 2 }));
  });
});
