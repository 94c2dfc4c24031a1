import { describe, expect, it } from 'vitest';
import { kafkajsRetriable } from './kafkajs-producer.js';
import { wholeSendRetries } from './send-retry.js';

const record = {
  topic: 't',
  messages: [
    { key: 'a', value: '1' },
    { key: 'b', value: '2' },
  ],
};
const written = { acknowledged: 2 };
const retry = { retries: 3, initialRetryTime: 100, maxRetryTime: 250 };

describe('wholeSendRetries', () => {
  it('sends every message again in a fresh call after a failed one, waiting longer each time up to the cap', async () => {
    const calls: (typeof record)[] = [];
    const waits: number[] = [];
    const send = wholeSendRetries(
      async (r: typeof record) => {
        calls.push(r);
        if (calls.length < 4) throw Object.assign(new Error('not the leader'), { retriable: true });
        return written;
      },
      retry,
      kafkajsRetriable,
      async (ms) => waits.push(ms),
    );
    expect(await send(record)).toBe(written);
    expect(calls).toStrictEqual([record, record, record, record]);
    expect(waits).toStrictEqual([100, 200, 250]);
  });

  it('gives up after the last retry with the last error', async () => {
    let calls = 0;
    const send = wholeSendRetries(
      async (_r: typeof record) => {
        calls += 1;
        throw Object.assign(new Error(`attempt ${calls}`), { retriable: true });
      },
      retry,
      kafkajsRetriable,
      async () => undefined,
    );
    await expect(send(record)).rejects.toThrow('attempt 4');
  });

  it('does not repeat a send kafkajs marks as not retriable (its cause included)', async () => {
    let calls = 0;
    const tooLarge = Object.assign(new Error('retries exceeded'), { retriable: false, cause: { retriable: false } });
    const send = wholeSendRetries(
      async (_r: typeof record) => {
        calls += 1;
        throw tooLarge;
      },
      retry,
      kafkajsRetriable,
      async () => undefined,
    );
    await expect(send(record)).rejects.toBe(tooLarge);
    expect(calls).toBe(1);
  });
});
