import { createRequire } from 'node:module';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { stopIdleRequestQueueTimers } from './request-queue-timer.js';

interface Queue {
  pending: unknown[];
  throttledUntil: number;
  checkPendingRequests(): void;
  scheduleCheckPendingRequests: () => void;
  destroy(): void;
}
type QueueClass = new (options: object) => Queue;

const RequestQueue = createRequire(import.meta.url)('kafkajs/src/network/requestQueue/index.js') as QueueClass;
const logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };
// Nothing may be sent in these tests: with 0 requests allowed in flight, a pending request stays pending.
const options = {
  maxInFlightRequests: 0,
  requestTimeout: 1000,
  enforceRequestTimeout: false,
  clientId: 't',
  broker: 'b',
  logger,
};

/** A subclass per test, so patching it leaves kafkajs's own class as shipped. */
function patchedQueue(): Queue {
  class Patched extends RequestQueue {}
  stopIdleRequestQueueTimers(Patched);
  return new Patched(options);
}

describe('stopIdleRequestQueueTimers (kafkajs issue 1751)', () => {
  const queues: Queue[] = [];
  beforeEach(() => vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] }));
  afterEach(() => {
    for (const q of queues.splice(0)) q.destroy();
    vi.useRealTimers();
  });

  it('kafkajs as shipped: an idle queue keeps re-arming a 1 ms timer after an answered request', () => {
    const queue = new RequestQueue(options);
    queues.push(queue);
    const check = vi.spyOn(queue, 'checkPendingRequests');
    queue.checkPendingRequests(); // what every answered request ends with
    vi.advanceTimersByTime(100);
    expect(check.mock.calls.length).toBeGreaterThanOrEqual(50);
    expect(vi.getTimerCount()).toBe(1);
  });

  it('an idle queue, not throttled, arms no timer', () => {
    const queue = patchedQueue();
    queues.push(queue);
    queue.checkPendingRequests();
    expect(vi.getTimerCount()).toBe(0);
  });

  it('a queue with a request waiting still checks it again later', () => {
    const queue = patchedQueue();
    queues.push(queue);
    queue.pending.push({ entry: { correlationId: 1 } });
    queue.scheduleCheckPendingRequests();
    expect(vi.getTimerCount()).toBe(1);
  });

  it('a throttled queue still checks again when the throttle ends', () => {
    const queue = patchedQueue();
    queues.push(queue);
    queue.throttledUntil = Date.now() + 500;
    queue.scheduleCheckPendingRequests();
    expect(vi.getTimerCount()).toBe(1);
  });

  it('patches a class once, however many clients are created', () => {
    class Patched extends RequestQueue {}
    stopIdleRequestQueueTimers(Patched);
    const once = Patched.prototype.scheduleCheckPendingRequests;
    stopIdleRequestQueueTimers(Patched);
    expect(Patched.prototype.scheduleCheckPendingRequests).toBe(once);
  });
});
