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
});
