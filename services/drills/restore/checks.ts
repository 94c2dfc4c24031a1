import type { LedgerChecksums } from './checksums.js';

/** One comparison of the report: what the source held as of the restore point, what the restore holds. */
export interface RestoreCheck {
  readonly name: string;
  readonly source: string;
  readonly restored: string;
  readonly ok: boolean;
}

const COMPARED: readonly [keyof LedgerChecksums, string][] = [
  ['entries', 'ledger entries (rows)'],
  ['eventIdHash', 'applied event ids (order-independent hash)'],
  ['total', 'sum of all amounts'],
  ['accounts', 'accounts'],
  ['balanceDigest', 'per-account balances (digest)'],
  ['dedupRecords', 'dedup records (rows)'],
];

/** The ledger checks: each figure of the restore equals the source's as of the point. */
export function compareLedgers(source: LedgerChecksums, restored: LedgerChecksums): RestoreCheck[] {
  return COMPARED.map(([key, name]) => {
    const s = String(source[key]);
    const r = String(restored[key]);
    return { name, source: s, restored: r, ok: s === r };
  });
}
