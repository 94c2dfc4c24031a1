import { setTimeout as sleep } from 'node:timers/promises';

/**
 * Calls `read` until it answers, at most `attempts` times, `delayMs` apart; the last error is thrown. For reads of the
 * cluster's state right after a fault heals, where the client can fail once on an answer it does not expect (seen:
 * kafkajs 2.2.4's fetchTopicOffsets throwing a TypeError on an empty ListOffsets answer after a three-broker outage).
 */
export async function retryRead<T>(read: () => Promise<T>, attempts = 10, delayMs = 500): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await read();
    } catch (error) {
      if (attempt >= attempts) throw error;
      await sleep(delayMs);
    }
  }
}
