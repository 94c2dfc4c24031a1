import { randomUUID } from 'node:crypto';
import type { EventInput, LedgerEvent } from '../../services/shared/contract/event.js';

export interface LoadOptions {
  readonly url: string;
  readonly events: number;
  readonly concurrency: number;
  readonly accounts: number;
  /** Spread the sending over this many milliseconds (roughly), instead of as fast as possible. */
  readonly spreadOverMs?: number;
  /** A well-behaved client retries a 503 or a lost connection with the same key until this deadline (default 120 s). */
  readonly retryForMs?: number;
  /** Called once per HTTP attempt with when it started, how long it took and how it ended (for the fault tests). */
  readonly onAnswer?: (answer: Answer) => void;
}

/** One attempt of one request: `status` is the HTTP status, or 0 when no answer came (reset, refused, timed out). */
export interface Answer {
  readonly startedAt: number;
  readonly ms: number;
  readonly status: number;
}

export interface LoadResult {
  readonly accepted: LedgerEvent[];
  readonly rejected: number;
  readonly retried: number;
  readonly elapsedMs: number;
}

/** A deterministic-looking but varied event: accounts round-robin, amounts in 1..1000, mostly credits. */
function eventInput(
  n: number,
  accounts: number,
): Required<Pick<EventInput, 'type' | 'accountId' | 'amount' | 'occurredAt'>> {
  return {
    type: n % 5 === 0 ? 'debit' : 'credit',
    accountId: `acc-${n % accounts}`,
    amount: ((n * 7919) % 1000) + 1,
    occurredAt: new Date().toISOString(),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends events one request each, `concurrency` at a time, through the HTTP API. Each event has its own
 * Idempotency-Key, and a 503 is retried with the same key after Retry-After, as a well-behaved client does.
 * Returns exactly the events the API acknowledged, with the ids it assigned.
 */
export async function sendEvents(options: LoadOptions): Promise<LoadResult> {
  const accepted: LedgerEvent[] = [];
  let rejected = 0;
  let retried = 0;
  let next = 0;
  const started = Date.now();
  const pacing = options.spreadOverMs ? options.spreadOverMs / options.events : 0;

  const sendOne = async (n: number): Promise<void> => {
    const input = eventInput(n, options.accounts);
    const key = randomUUID();
    const giveUpAt = Date.now() + (options.retryForMs ?? 120_000);
    for (let attempt = 1; Date.now() < giveUpAt; attempt += 1) {
      let response: Response;
      const startedAt = Date.now();
      try {
        response = await fetch(`${options.url}/events`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': key },
          body: JSON.stringify(input),
          signal: AbortSignal.timeout(15_000),
        });
        options.onAnswer?.({ startedAt, ms: Date.now() - startedAt, status: response.status });
      } catch {
        options.onAnswer?.({ startedAt, ms: Date.now() - startedAt, status: 0 });
        retried += 1;
        await sleep(Math.min(200 * attempt, 2000));
        continue;
      }
      if (response.status === 202) {
        const body = (await response.json()) as { id: string };
        accepted.push({ id: body.id, ...input });
        return;
      }
      await response.body?.cancel();
      if (response.status !== 503) break;
      retried += 1;
      await sleep(Number(response.headers.get('retry-after') ?? '1') * 1000);
    }
    rejected += 1;
  };

  const lane = async (): Promise<void> => {
    for (;;) {
      const n = next++;
      if (n >= options.events) return;
      if (pacing > 0) {
        const due = started + n * pacing;
        if (due > Date.now()) await sleep(due - Date.now());
      }
      await sendOne(n);
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  return { accepted, rejected, retried, elapsedMs: Date.now() - started };
}
