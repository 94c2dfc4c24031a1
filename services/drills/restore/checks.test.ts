import { describe, expect, it } from 'vitest';
import type { LedgerChecksums } from './checksums.js';
import { compareLedgers } from './checks.js';

const source: LedgerChecksums = {
  entries: '1000',
  eventIdHash: '123456789',
  total: '500500',
  accounts: '10',
  balanceDigest: '987654321',
  dedupRecords: '1000',
  lastAppliedAt: '2026-11-01T10:00:00.000000Z',
};

describe('compareLedgers', () => {
  it('passes every check when the restore equals the source', () => {
    expect(compareLedgers(source, { ...source }).every((c) => c.ok)).toBe(true);
  });

  it('fails the row count and the id hash of a restore missing its last transaction, showing both sides', () => {
    const checks = compareLedgers(source, { ...source, entries: '999', eventIdHash: '12345', total: '499500' });
    expect(checks.filter((c) => !c.ok).map((c) => c.name)).toStrictEqual([
      'ledger entries (rows)',
      'applied event ids (order-independent hash)',
      'sum of all amounts',
    ]);
    expect(checks[0]).toStrictEqual({ name: 'ledger entries (rows)', source: '1000', restored: '999', ok: false });
  });

  it('fails the balance digest when one balance drifted even though the entries agree', () => {
    const failed = compareLedgers(source, { ...source, balanceDigest: '1' }).filter((c) => !c.ok);
    expect(failed.map((c) => c.name)).toStrictEqual(['per-account balances (digest)']);
  });
});
