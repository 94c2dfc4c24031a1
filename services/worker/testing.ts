import { pino } from 'pino';
import type { BatchContext, ProcessorDeps } from './batch.js';
import { DependencyHealth } from './dependency-health.js';
import { Failpoint } from './failpoint.js';
import type { ApplyResult } from './ledger-store.js';
import type { ConsumedMessage, Poison, ValidEvent } from './messages.js';
import { createWorkerMetrics } from './metrics.js';

/** Test doubles for the batch processors: a recording context and dependencies with a scripted store. */

export function eventMessage(offset: number, id: string, accountId = 'acc-1', amount = 10): ConsumedMessage {
  const value = JSON.stringify({ id, type: 'credit', accountId, amount, occurredAt: '2026-11-23T10:00:00.000Z' });
  return {
    topic: 'events',
    partition: 0,
    offset: String(offset),
    key: Buffer.from(accountId),
    value: Buffer.from(value),
  };
}

export function rawMessage(offset: number, value: string): ConsumedMessage {
  return { topic: 'events', partition: 0, offset: String(offset), key: null, value: Buffer.from(value) };
}

export const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

export interface RecordingContext extends BatchContext {
  readonly resolved: string[];
  stale: boolean;
  running: boolean;
}

export function recordingContext(messages: ConsumedMessage[]): RecordingContext {
  const ctx = {
    topic: 'events',
    partition: 0,
    messages,
    highWatermark: String(messages.length),
    resolved: [] as string[],
    stale: false,
    running: true,
    isRunning: () => ctx.running,
    isStale: () => ctx.stale,
    heartbeat: async () => undefined,
    resolveOffset: (offset: string) => void ctx.resolved.push(offset),
  };
  return ctx;
}

/** A store that applies in memory and can be told to fail. */
export class ScriptedStore {
  readonly applied = new Map<string, number>();
  readonly calls: string[][] = [];
  /** Errors thrown by the next calls, in order. */
  readonly failures: Error[] = [];
  /** Event ids the store always refuses (a data error). */
  readonly refused = new Set<string>();

  async applyExactlyOnce(events: readonly ValidEvent[]): Promise<ApplyResult> {
    this.calls.push(events.map((e) => e.event.id));
    const failure = this.failures.shift();
    if (failure) throw failure;
    const bad = events.find((e) => this.refused.has(e.event.id));
    if (bad) throw Object.assign(new Error(`value out of range for ${bad.event.id}`), { code: '22003' });
    let applied = 0;
    for (const { event } of events) {
      if (this.applied.has(event.id)) continue;
      this.applied.set(event.id, 1);
      applied += 1;
    }
    return { applied, duplicates: events.length - applied, conflicts: [] };
  }

  async applyNaively(event: ValidEvent): Promise<void> {
    this.calls.push([event.event.id]);
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.applied.set(event.event.id, (this.applied.get(event.event.id) ?? 0) + 1);
  }
}

export interface RecordingDeps extends ProcessorDeps {
  readonly store: ScriptedStore;
  readonly deadLettered: Poison[];
  readonly commits: string[];
  readonly log: string[];
  commitError?: Error;
}

export function recordingDeps(
  settings: Partial<ProcessorDeps['settings']> = {},
  failpoint = new Failpoint(undefined),
): RecordingDeps {
  const log: string[] = [];
  const store = new ScriptedStore();
  const deps: RecordingDeps = {
    store,
    deadLettered: [],
    commits: [],
    log,
    metrics: createWorkerMetrics(),
    health: new DependencyHealth(),
    settings: { chunkSize: 100, maxAttempts: 3, retryBaseMs: 1, retryMaxMs: 1, ...settings },
    failpoint,
    logger: pino({ level: 'silent' }),
    sleep: async () => undefined,
    async deadLetter(poison) {
      log.push(`dead-letter ${poison.map((p) => p.source.offset).join(',')}`);
      deps.deadLettered.push(...poison);
    },
    async commit(_topic, _partition, offset) {
      if (deps.commitError) throw deps.commitError;
      log.push(`commit ${offset}`);
      deps.commits.push(offset);
    },
  };
  return deps;
}
