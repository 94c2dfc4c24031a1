import type { Logger } from 'pino';
import type { ApplyResult } from './ledger-store.js';
import type { ConsumedMessage, Poison, ValidEvent } from './messages.js';
import type { WorkerMetrics } from './metrics.js';
import type { WorkerSettings } from './settings.js';
import type { DependencyHealth } from './dependency-health.js';
import type { Failpoint } from './failpoint.js';

/** A message of a fetched batch as kafkajs decoded it: where it came from is the batch's topic and partition. */
export type BatchMessage = Pick<ConsumedMessage, 'offset' | 'key' | 'value'>;

/** One fetched batch of one partition, and the controls kafkajs hands to eachBatch. */
export interface BatchContext {
  readonly topic: string;
  readonly partition: number;
  readonly messages: readonly BatchMessage[];
  readonly highWatermark: string;
  isRunning(): boolean;
  /**
   * True when this batch must not be committed: a heartbeat was refused because the group is rebalancing (the
   * partition may now belong to another replica), or a seek moved the partition. kafkajs's own isStale() reports only
   * the seek, never a rebalance; the background heartbeat (batch-context.ts) adds the rebalance.
   */
  isStale(): boolean;
  heartbeat(): Promise<void>;
  resolveOffset(offset: string): void;
}

/** What a batch processor needs from the outside world; all of it is replaceable in unit tests. */
export interface ProcessorDeps {
  readonly store: {
    applyExactlyOnce(events: readonly ValidEvent[]): Promise<ApplyResult>;
    applyNaively(event: ValidEvent): Promise<void>;
  };
  deadLetter(poison: readonly Poison[]): Promise<void>;
  /** Commits `offset` (the next one to read) for the partition in the consumer group. */
  commit(topic: string, partition: number, offset: string): Promise<void>;
  readonly metrics: WorkerMetrics;
  readonly health: DependencyHealth;
  readonly settings: Pick<WorkerSettings, 'chunkSize' | 'maxAttempts' | 'retryBaseMs' | 'retryMaxMs'>;
  readonly failpoint: Failpoint;
  readonly logger: Logger;
  sleep(ms: number): Promise<void>;
}

export type BatchOutcome = 'completed' | 'abandoned';

/**
 * Messages of the batch with their origin, made for one chunk at a time: made for the whole batch up front, these
 * objects lived as long as the batch, through scavenges that copied them into the old generation with it.
 */
export function consumedFrom(
  ctx: Pick<BatchContext, 'topic' | 'partition'>,
  messages: readonly BatchMessage[],
): ConsumedMessage[] {
  return messages.map(({ offset, key, value }) => ({ topic: ctx.topic, partition: ctx.partition, offset, key, value }));
}

export function chunksOf<T>(items: readonly T[], size: number): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/** The offset after `offset`, as Kafka's commit expects (the next message to read). */
export function nextOffset(offset: string): string {
  return (BigInt(offset) + 1n).toString();
}

/** A heartbeat that reports a rebalance instead of throwing, so callers can abandon the batch cleanly. */
export async function heartbeatOrStale(ctx: BatchContext): Promise<boolean> {
  try {
    await ctx.heartbeat();
    return true;
  } catch {
    return false;
  }
}
