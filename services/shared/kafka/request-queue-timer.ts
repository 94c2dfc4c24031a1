import { createRequire } from 'node:module';

interface RequestQueueState {
  readonly pending: readonly unknown[];
  readonly throttledUntil: number;
}

interface RequestQueueClass {
  prototype: { scheduleCheckPendingRequests: (this: RequestQueueState) => void };
}

const PATCHED = Symbol.for('platform.kafkajs.requestQueueTimer');

/**
 * kafkajs 2.2.4 re-arms a timer after every answered request even when nothing waits and nothing is throttled: its delay
 * is then `throttledUntil - now`, negative, which Node clamps to 1 ms, and the timer's callback re-arms it. Every broker
 * connection of an idle client thus wakes its process about a thousand times a second, for as long as it lives
 * (https://github.com/tulios/kafkajs/issues/1751; the warning Node 24 prints is that timer). With nothing pending and no
 * throttle there is nothing to check: a request that has to wait re-arms the check when it is queued, and each answer
 * checks the queue again, so the timer is left out only where it has nothing to do.
 */
export function stopIdleRequestQueueTimers(
  RequestQueue: RequestQueueClass = createRequire(import.meta.url)(
    'kafkajs/src/network/requestQueue/index.js',
  ) as RequestQueueClass,
): void {
  const prototype = RequestQueue.prototype as RequestQueueClass['prototype'] & { [PATCHED]?: true };
  if (prototype[PATCHED]) return;
  const schedule = prototype.scheduleCheckPendingRequests;
  if (typeof schedule !== 'function')
    throw new Error('kafkajs RequestQueue has no scheduleCheckPendingRequests: recheck request-queue-timer.ts');
  prototype.scheduleCheckPendingRequests = function (this: RequestQueueState) {
    if (this.pending.length === 0 && this.throttledUntil <= Date.now()) return;
    schedule.call(this);
  };
  prototype[PATCHED] = true;
}
