import { randomUUID } from 'node:crypto';
import type { EventInput } from '../../services/shared/contract/event.js';
import type { Say } from '../../services/drills/runner/progress.js';
import { sleep } from '../../services/drills/runner/progress.js';

export interface LedgerWriteOptions {
  readonly apiUrl: string;
  readonly events: number;
  readonly accountPrefix: string;
  readonly accounts: number;
  /** Events per request to POST /events/batch (the API's limit is API_MAX_BATCH_EVENTS, 500). */
  readonly batchSize: number;
  readonly concurrency: number;
}

function batch(first: number, size: number, options: LedgerWriteOptions): EventInput[] {
  return Array.from({ length: size }, (_, i) => {
    const n = first + i;
    return {
      type: n % 4 === 3 ? 'debit' : 'credit',
      accountId: `${options.accountPrefix}${n % options.accounts}`,
      amount: ((n * 7919) % 997) + 1,
    };
  });
}

/**
 * Writes a ledger of `events` events through the real API (batches, an Idempotency-Key each, a 503 retried with the
 * same key), so the restore drill's source holds what the services write, not rows inserted behind their back.
 */
export async function writeLedger(options: LedgerWriteOptions, say: Say): Promise<void> {
  let next = 0;
  let written = 0;
  let lastReport = Date.now();
  const started = Date.now();
  const lane = async (): Promise<void> => {
    for (;;) {
      const first = next;
      if (first >= options.events) return;
      const size = Math.min(options.batchSize, options.events - first);
      next += size;
      const body = JSON.stringify({ events: batch(first, size, options) });
      const key = randomUUID();
      for (let attempt = 1; ; attempt += 1) {
        const response = await fetch(`${options.apiUrl}/events/batch`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body,
          signal: AbortSignal.timeout(30_000),
        }).catch(() => undefined);
        const status = response?.status;
        await response?.body?.cancel();
        if (status === 202) break;
        if (status !== undefined && status !== 503 && status !== 408)
          throw new Error(`POST /events/batch answered ${status}`);
        if (attempt > 20) throw new Error(`POST /events/batch kept failing (${status ?? 'no answer'})`);
        await sleep(500);
      }
      written += size;
      if (Date.now() - lastReport > 5000) {
        lastReport = Date.now();
        say(
          `written ${written.toLocaleString('en-US')} of ${options.events.toLocaleString('en-US')} events (${Math.round(written / ((Date.now() - started) / 1000)).toLocaleString('en-US')}/s)`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
}
