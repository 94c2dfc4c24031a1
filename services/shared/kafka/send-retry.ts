import type { ProducerRecord, RecordMetadata } from 'kafkajs';

export interface SendRetry {
  /** Attempts after the first. */
  readonly retries: number;
  readonly initialRetryTime: number;
  readonly maxRetryTime: number;
}

/** A send the client itself calls not worth repeating (a record too large, no authorisation), as kafkajs marks it. */
function retriable(error: unknown): boolean {
  const e = error as { retriable?: boolean; cause?: { retriable?: boolean } };
  return e.cause?.retriable ?? e.retriable ?? true;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Retries a failed send as a whole new call, never inside one. kafkajs 2.2.4 retries a send that spans several
 * brokers inside the call and keeps the answers of the brokers that already acknowledged; when a failed broker's
 * partitions have moved to one of those (a leader handed over in a rolling restart), the retry sends them nowhere and
 * the call resolves as if they had been written (producer/sendMessages.js, `brokersWithoutResponse`): an
 * acknowledged event lost. A fresh call sends every message again, to the leaders of the moment; what was written
 * before is written twice with the same event id, which the worker's dedup absorbs.
 */
export function wholeSendRetries(
  send: (record: ProducerRecord) => Promise<RecordMetadata[]>,
  retry: SendRetry,
  wait: (ms: number) => Promise<unknown> = sleep,
): (record: ProducerRecord) => Promise<RecordMetadata[]> {
  return async (record) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        return await send(record);
      } catch (error) {
        if (attempt >= retry.retries || !retriable(error)) throw error;
        await wait(Math.min(retry.initialRetryTime * 2 ** attempt, retry.maxRetryTime));
      }
    }
  };
}
