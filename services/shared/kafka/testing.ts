import { randomBytes } from 'node:crypto';
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

/** Message keys for the partitioner tests: empty, every length modulo 4, multi-byte UTF-8, long, random bytes. */
export const VARIED_KEYS: readonly string[] = [
  '',
  'a',
  'ab',
  'abc',
  'acct-42',
  'account.with-every_char.0123456789',
  'ключ-счёта',
  '🙂 emoji',
  'x'.repeat(90),
  ...Array.from({ length: 500 }, (_, i) => randomBytes(1 + (i % 40)).toString(i % 2 ? 'hex' : 'latin1')),
];
