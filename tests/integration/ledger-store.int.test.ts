import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { classifyMessages } from '../../services/worker/messages.js';
import type { ConsumedMessage } from '../../services/worker/messages.js';
import { LedgerStore } from '../../services/worker/ledger-store.js';
import { arrayLiteral } from '../../services/worker/pg-array.js';
import { id } from '../../services/worker/testing.js';
import { createMigratedDatabase, dropDatabase } from '../../tools/local/scenario.js';

const stack = inject('stack');
const database = `ledger_store_${randomBytes(4).toString('hex')}`;

function message(offset: string, body: Record<string, unknown>, topic = 'events.v1-x'): ConsumedMessage {
  return { topic, partition: 3, offset, key: null, value: Buffer.from(JSON.stringify(body)) };
}

describe('the exactly-once apply against PostgreSQL', () => {
  let pool: pg.Pool;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: await createMigratedDatabase(stack.databaseUrl, database), max: 2 });
  });
  afterAll(async () => {
    await pool.end();
    await dropDatabase(stack.databaseUrl, database);
  });

  it('stores every column as the event says: an account named NULL, no acceptedAt, offsets beyond 2^53, zoned times', async () => {
    const bodies = [
      { id: id(1), type: 'credit', accountId: 'NULL', amount: 5, occurredAt: '2026-12-05T12:00:00.123+01:00' },
      {
        id: id(2).toUpperCase(),
        type: 'debit',
        accountId: 'null',
        amount: 1_000_000_000,
        occurredAt: '2026-12-05T12:00:00Z',
        acceptedAt: '2026-12-05T12:00:00.5Z',
        payload: { note: 'a "quoted" \\ back, {braces}, commas' },
      },
      { id: id(3), type: 'credit', accountId: 'a.b_c-d', amount: 7, occurredAt: '2026-12-05T12:00:00.000Z' },
    ];
    const offsets = ['0', '9007199254740993', '9223372036854775806'];
    const { valid, poison } = classifyMessages(bodies.map((b, i) => message(offsets[i]!, b)));
    expect(poison).toEqual([]);

    const result = await new LedgerStore(pool).applyExactlyOnce(valid);
    expect(result).toEqual({ applied: 3, duplicates: 0, conflicts: [] });

    const { rows: recorded } = await pool.query(
      `SELECT event_id::text, topic, kafka_partition, kafka_offset::text, body_hash FROM processed_events ORDER BY event_id`,
    );
    expect(recorded).toEqual(
      valid.map((v) => ({
        event_id: v.event.id,
        topic: 'events.v1-x',
        kafka_partition: 3,
        kafka_offset: v.source.offset,
        body_hash: v.bodyHash,
      })),
    );
    const { rows: entries } = await pool.query(
      `SELECT event_id::text, account_id, amount::text, occurred_at = $1::timestamptz AS first_time,
              accepted_at IS NULL AS no_accepted_at, (accepted_at = '2026-12-05T12:00:00.5Z') AS accepted
         FROM ledger_entries ORDER BY event_id`,
      ['2026-12-05T11:00:00.123Z'],
    );
    expect(entries).toEqual([
      { event_id: id(1), account_id: 'NULL', amount: '5', first_time: true, no_accepted_at: true, accepted: null },
      {
        event_id: id(2),
        account_id: 'null',
        amount: '-1000000000',
        first_time: false,
        no_accepted_at: false,
        accepted: true,
      },
      { event_id: id(3), account_id: 'a.b_c-d', amount: '7', first_time: false, no_accepted_at: true, accepted: null },
    ]);
    const { rows: balances } = await pool.query(
      `SELECT account_id, balance::text FROM account_balances ORDER BY account_id COLLATE "C"`,
    );
    expect(balances).toEqual([
      { account_id: 'NULL', balance: '5' },
      { account_id: 'a.b_c-d', balance: '7' },
      { account_id: 'null', balance: '-1000000000' },
    ]);

    // The literal's escapes, read back by PostgreSQL itself: no column the store writes holds a quote or a backslash
    // today (the contract's patterns), but one that did must not break the chunk.
    const awkward = ['say "hi"', 'c:\\dir\\', '{a,b}', ' spaced ', 'NULL', '', null];
    const { rows: echoed } = await pool.query<{ a: (string | null)[] }>('SELECT $1::text[] AS a', [
      arrayLiteral(awkward),
    ]);
    expect(echoed[0]!.a).toEqual(awkward);

    // Redelivered: every one a duplicate, compared by the stored hash of the same canonical text.
    expect(await new LedgerStore(pool).applyExactlyOnce(valid)).toEqual({ applied: 0, duplicates: 3, conflicts: [] });
  });

  it('applies only the new events of a chunk that mixes them with events applied before, a reused id and a repeat', async () => {
    const account = 'mixed-chunk';
    // Ids with hex letters, so that an upper-cased one differs from the stored text until the parser lower-cases it.
    const idOf = (n: number) => `abcdef00-0000-4000-8000-${String(n).padStart(12, '0')}`;
    const event = (n: number, amount: number) => ({
      id: idOf(n),
      type: 'credit',
      accountId: account,
      amount,
      occurredAt: '2026-12-05T12:00:00Z',
    });
    const store = new LedgerStore(pool);
    // A chunk of new events with a repeat: nothing was recorded before, so the statement answers no row.
    const first = classifyMessages([event(1, 1), event(2, 2), event(2, 2)].map((b, i) => message(String(i), b))).valid;
    expect(await store.applyExactlyOnce(first)).toEqual({ applied: 2, duplicates: 1, conflicts: [] });

    // Event 1 again with its id in upper case (the same event), event 2's id with another amount, event 3 new and its
    // repeat, events 4 and 5 new.
    const bodies = [
      { ...event(1, 1), id: idOf(1).toUpperCase() },
      event(2, 20),
      event(3, 3),
      event(3, 3),
      event(4, 4),
      event(5, 5),
    ];
    const { valid } = classifyMessages(bodies.map((b, i) => message(String(10 + i), b)));
    const result = await store.applyExactlyOnce(valid);
    expect(result.applied).toBe(3);
    expect(result.duplicates).toBe(2);
    expect(result.conflicts.map((c) => [c.event.id, c.event.amount])).toEqual([[idOf(2), 20]]);

    const { rows } = await pool.query<{ balance: string; entries: string }>(
      `SELECT balance::text, (SELECT count(*) FROM ledger_entries WHERE account_id = $1)::text AS entries
         FROM account_balances WHERE account_id = $1`,
      [account],
    );
    expect(rows).toEqual([{ balance: String(1 + 2 + 3 + 4 + 5), entries: '5' }]);
  });
});
