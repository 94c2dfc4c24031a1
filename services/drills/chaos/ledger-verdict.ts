import type { LedgerEvent } from '../../shared/contract/event.js';
import { balanceDelta } from '../../shared/contract/event.js';

/** One row of ledger_entries as the drill reads it back. */
export interface LedgerEffect {
  readonly eventId: string;
  readonly accountId: string;
  /** Signed minor units, as stored. */
  readonly amount: bigint;
}

/** An event the drill sent; `acknowledged` when the API answered 2xx for it. */
export interface SentEvent extends Pick<LedgerEvent, 'id' | 'type' | 'accountId' | 'amount'> {
  readonly acknowledged: boolean;
  /**
   * False only when every answer said nothing was accepted (4xx, OVERLOADED, ...): such an event must never appear.
   * A timeout, a lost connection or KAFKA_UNAVAILABLE leaves it open, so it may be applied (at most once).
   */
  readonly mayBeApplied: boolean;
}

export interface ExactlyOnceVerdict {
  readonly acknowledged: number;
  /** Acknowledged events with at least one effect. */
  readonly applied: number;
  /** Events with more than one effect, by id (sorted), and the number of extra effects. */
  readonly duplicatedEvents: readonly string[];
  readonly duplicatedEffects: number;
  /** Acknowledged events with no effect, by id (sorted). */
  readonly lostEvents: readonly string[];
  /** Effects of events the API never accepted and said so (sorted ids): money from nowhere. */
  readonly unexpectedEvents: readonly string[];
  /** Unacknowledged events that were applied once: allowed (the client gave up on an answer that may have been yes). */
  readonly appliedWithoutAnswer: number;
  /** Accounts whose stored balance differs from the sum of their events' effects (sorted). */
  readonly balanceMismatches: readonly string[];
}

const SAMPLE = 5;

/**
 * Judges the drill's own slice of the ledger: every acknowledged event applied exactly once, nothing else applied
 * but what may legitimately have been, and every account's stored balance equal to what its events add up to.
 */
export function judgeExactlyOnce(
  sent: readonly SentEvent[],
  effects: readonly LedgerEffect[],
  balances: ReadonlyMap<string, bigint>,
): ExactlyOnceVerdict {
  const byId = new Map(sent.map((e) => [e.id, e]));
  const count = new Map<string, number>();
  for (const effect of effects) count.set(effect.eventId, (count.get(effect.eventId) ?? 0) + 1);

  const duplicatedEvents: string[] = [];
  let duplicatedEffects = 0;
  const unexpectedEvents: string[] = [];
  let appliedWithoutAnswer = 0;
  for (const [id, n] of count) {
    if (n > 1) {
      duplicatedEvents.push(id);
      duplicatedEffects += n - 1;
    }
    const event = byId.get(id);
    if (!event || (!event.acknowledged && !event.mayBeApplied)) unexpectedEvents.push(id);
    else if (!event.acknowledged) appliedWithoutAnswer += 1;
  }
  const acknowledged = sent.filter((e) => e.acknowledged);
  const lostEvents = acknowledged.filter((e) => !count.has(e.id)).map((e) => e.id);

  // What each account should hold: one effect per event that was applied at all (a duplicate is the error itself).
  const expected = new Map<string, bigint>();
  for (const event of sent) {
    if (!count.has(event.id)) continue;
    expected.set(event.accountId, (expected.get(event.accountId) ?? 0n) + BigInt(balanceDelta(event)));
  }
  const balanceMismatches = [...new Set([...expected.keys(), ...balances.keys()])].filter(
    (account) => (expected.get(account) ?? 0n) !== (balances.get(account) ?? 0n),
  );

  return {
    acknowledged: acknowledged.length,
    applied: acknowledged.length - lostEvents.length,
    duplicatedEvents: duplicatedEvents.sort(),
    duplicatedEffects,
    lostEvents: lostEvents.sort(),
    unexpectedEvents: unexpectedEvents.sort(),
    appliedWithoutAnswer,
    balanceMismatches: balanceMismatches.sort(),
  };
}

export function exactlyOnceHolds(verdict: ExactlyOnceVerdict): boolean {
  return (
    verdict.duplicatedEvents.length === 0 &&
    verdict.lostEvents.length === 0 &&
    verdict.unexpectedEvents.length === 0 &&
    verdict.balanceMismatches.length === 0
  );
}

/** The first few of a list, for a summary line; the report keeps them all. */
export function sample(ids: readonly string[]): string {
  return ids.length <= SAMPLE ? ids.join(', ') : `${ids.slice(0, SAMPLE).join(', ')} and ${ids.length - SAMPLE} more`;
}
