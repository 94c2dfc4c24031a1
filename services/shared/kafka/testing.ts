import type { EventProducerOptions } from './event-producer.js';

/** A producer's options for unit tests whose client never reaches a broker (its sends are replaced by a spy). */
export const OFFLINE_PRODUCER_OPTIONS: EventProducerOptions = {
  clientId: 'test',
  brokers: ['127.0.0.1:1'],
  maxInFlightRequests: 1,
  retry: { retries: 0, initialRetryTime: 1, maxRetryTime: 1 },
  connectionTimeoutMs: 1000,
  requestTimeoutMs: 1000,
};
