import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { KeyClaim } from '../../services/api/key-registry.js';
import { PostgresKeyStore } from '../../services/api/key-registry.js';
import { createMigratedDatabase, dropDatabase } from '../../tools/local/scenario.js';

const stack = inject('stack');
const database = `keys_${randomBytes(4).toString('hex')}`;
const at = new Date('2026-11-26T10:00:00.000Z');

const claim = (key: string): KeyClaim => ({ caller: 'team-a', key, requestHash: 'h', eventIds: [], acceptedAt: at });

describe('idempotency keys claimed by concurrent flushes in PostgreSQL', () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createMigratedDatabase(stack.databaseUrl, database), max: 4 });
  });
  afterAll(async () => {
    await pool.end();
    await dropDatabase(stack.databaseUrl, database);
  });

  it('never deadlocks when two flushes carry the same keys in opposite orders, and one request owns each key', async () => {
    const store = new PostgresKeyStore(pool);
    for (let round = 0; round < 5; round += 1) {
      const keys = Array.from({ length: 300 }, (_, i) => `r${round}-k${i}`);
      const [forward, backward] = await Promise.all([
        store.claimAll(keys.map(claim)),
        store.claimAll([...keys].reverse().map(claim)),
      ]);
      const firsts = [...forward, ...backward].filter((o) => o.kind === 'first').length;
      expect(firsts).toBe(keys.length);
      expect([...forward, ...backward].every((o) => o.kind === 'first' || o.kind === 'replay')).toBe(true);
    }
  });

  it("replays the first claim's event ids and time to a later flush, and refuses another body on the key", async () => {
    const store = new PostgresKeyStore(pool);
    const ids = ['2ed6657d-e927-568b-95e1-2665a8aea6a2', 'edb5d307-788d-52a4-a63e-1562aedc1127'];
    const first: KeyClaim = { caller: 'team-b', key: 'order-7', requestHash: 'h1', eventIds: ids, acceptedAt: at };
    expect(await store.claimAll([first])).toStrictEqual([{ kind: 'first', eventIds: ids, acceptedAt: at }]);
    const retry = { ...first, eventIds: [], acceptedAt: new Date() };
    const [replayed, conflicting, fresh] = await store.claimAll([
      retry,
      { ...retry, requestHash: 'h2' },
      { ...first, key: 'order-8' },
    ]);
    expect(replayed).toStrictEqual({ kind: 'replay', eventIds: ids, acceptedAt: at });
    expect(conflicting).toStrictEqual({ kind: 'conflict' });
    expect(fresh).toStrictEqual({ kind: 'first', eventIds: ids, acceptedAt: at });
  });
});
