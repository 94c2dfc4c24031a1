import type { Logger } from 'pino';

/**
 * Runs `stop` once on the first SIGTERM or SIGINT, then exits: 0 when it finished, 1 when it threw or did not finish
 * within `deadlineMs` (the orchestrator's SIGKILL comes soon after anyway; whatever was not committed is redelivered).
 */
export function onTerminationSignal(logger: Logger, deadlineMs: number, stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    setTimeout(() => {
      logger.error({ deadlineMs }, 'shutdown deadline passed; exiting');
      process.exit(1);
    }, deadlineMs).unref();
    stop(signal).then(
      () => {
        logger.info('shut down cleanly');
        process.exit(0);
      },
      (error: unknown) => {
        logger.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', handle);
  process.once('SIGINT', handle);
}
