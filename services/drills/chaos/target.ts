import type { LedgerEffect } from './ledger-verdict.js';

/**
 * The faults a chaos drill knows; a target says which of them it can cause. `restart-broker` SIGKILLs a lone broker
 * and restarts it; `kill-leader` SIGKILLs the broker leading most of the events topic's partitions in a cluster of
 * three, waits for the election, and restarts it.
 */
export const FAULT_TYPES = [
  'kill-worker',
  'scale-up',
  'scale-down',
  'restart-broker',
  'kill-leader',
  'restart-database',
] as const;
export type FaultType = (typeof FAULT_TYPES)[number];

/** One fault as it happened: what, when it started (ISO 8601), and on what (a replica, a pod, "broker"). */
export interface FaultRecord {
  readonly type: FaultType;
  readonly at: string;
  readonly target: string;
  /** When the fault's action returned (a restarted broker answers again, a scale request was accepted). */
  readonly endedAt: string;
}

/**
 * Where a chaos drill runs: the local stack (tools/drills) or a cluster namespace (services/drills/cluster). The drill
 * itself only sends load, asks for faults, reads the lag and the ledger, and judges.
 */
export interface ChaosTarget {
  /** Says where the drill runs, for the report. */
  readonly description: string;
  /** The events API the load goes to. */
  readonly apiUrl: string;
  /** The token the load presents to the API (`Authorization: Bearer`), where the API asks for one. */
  readonly apiToken?: string;
  /** The faults this target can cause, each picked at random in turn. */
  readonly faultTypes: readonly FaultType[];
  /** Causes one fault of `type`; `random` in [0, 1) picks the victim or the new size. Returns what it did. */
  inject(type: FaultType, random: () => number): Promise<Omit<FaultRecord, 'at' | 'endedAt'>>;
  /** The worker group's consumer lag on the events topic, summed over partitions. */
  lag(): Promise<number>;
  /** The ledger's effects of these events (ledger-rows.ts reads them). */
  effects(eventIds: readonly string[]): Promise<LedgerEffect[]>;
  /** The stored balances of these accounts. */
  balances(accountIds: readonly string[]): Promise<Map<string, bigint>>;
  /** Workers that ended without being told to (a crash the design should have ridden through), if the target can tell. */
  unexpectedExits(): Promise<string[]>;
  /** Puts the worker back to its normal size after the faults. */
  settle(): Promise<void>;
}
