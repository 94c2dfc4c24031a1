export interface SendRetry {
  /** Attempts after the first. */
  readonly retries: number;
  readonly initialRetryTime: number;
  readonly maxRetryTime: number;
}

/** Whether a failed send is worth repeating: each client marks its errors its own way (kafkajs-producer.ts, platformatic-producer.ts). */
export type RetriableCheck = (error: unknown) => boolean;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries a failed send as a whole new call, never inside one. kafkajs 2.2.4 retries a send that spans several
 * brokers inside the call and keeps the answers of the brokers that already acknowledged; when a failed broker's
 * partitions have moved to one of those (a leader handed over in a rolling restart), the retry sends them nowhere and
 * the call resolves as if they had been written (producer/sendMessages.js, `brokersWithoutResponse`): an
 * acknowledged event lost. A fresh call sends every message again, to the leaders of the moment; what was written
 * before is written twice with the same event id, which the worker's dedup absorbs. Both clients the API can use have
 * their own retries turned off, so this is the only place a send is repeated.
 */
export function wholeSendRetries<A extends unknown[], R>(
  send: (...args: A) => Promise<R>,
  retry: SendRetry,
  retriable: RetriableCheck,
  wait: (ms: number) => Promise<unknown> = sleep,
): (...args: A) => Promise<R> {
  return async (...args) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send(...args);
      } catch (error) {
        if (attempt >= retry.retries || !retriable(error)) throw error;
        await wait(Math.min(retry.initialRetryTime * 2 ** attempt, retry.maxRetryTime));
      }
    }
  };
}
