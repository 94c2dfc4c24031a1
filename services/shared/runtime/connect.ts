import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

/**
 * Connects a client in the background, retrying with capped backoff, so a process whose dependency is down starts,
 * reports itself not ready, and recovers on its own instead of crash-looping.
 */
export function connectInBackground(
  name: string,
  connect: () => Promise<void>,
  logger: Logger,
  onConnected?: () => void,
): void {
  const attempt = async (delayMs: number): Promise<void> => {
    try {
      await connect();
      logger.info({ client: name }, 'connected');
      onConnected?.();
    } catch (error) {
      logger.warn({ client: name, err: error, retryInMs: delayMs }, 'could not connect; retrying');
      await sleep(delayMs);
      await attempt(Math.min(delayMs * 2, 10_000));
    }
  };
  void attempt(500);
}
