import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

/**
 * Connects a client, retrying with capped backoff until it succeeds, so a process whose dependency is down starts,
 * reports itself not ready, and recovers on its own instead of crash-looping.
 */
export async function connectWithRetry(name: string, connect: () => Promise<void>, logger: Logger): Promise<void> {
  for (let delayMs = 500; ; delayMs = Math.min(delayMs * 2, 10_000)) {
    try {
      await connect();
      logger.info({ client: name }, 'connected');
      return;
    } catch (error) {
      logger.warn({ client: name, err: error, retryInMs: delayMs }, 'could not connect; retrying');
      await sleep(delayMs);
    }
  }
}

/** connectWithRetry without waiting for it; `onConnected` runs once connected. */
export function connectInBackground(
  name: string,
  connect: () => Promise<void>,
  logger: Logger,
  onConnected?: () => void,
): void {
  void connectWithRetry(name, connect, logger).then(onConnected);
}
