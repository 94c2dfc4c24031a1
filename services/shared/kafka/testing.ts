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

/** Message keys for the partitioner tests: empty, every length modulo 4, multi-byte UTF-8, long, varied bytes. */
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
  // 500 keys of 1 to 40 bytes of every value, the same on every run (a failure names a key that fails again).
  ...Array.from({ length: 500 }, (_, i) =>
    Buffer.from(Array.from({ length: 1 + (i % 40) }, (_, k) => (i * 131 + k * 197 + 7) % 256)).toString(
      i % 2 ? 'hex' : 'latin1',
    ),
  ),
];
