import {
  AuthenticationError,
  MultipleErrors,
  NetworkError,
  ProduceAcks,
  Producer,
  ProtocolError,
  TimeoutError,
  UserError,
} from '@platformatic/kafka';
import { describe, expect, it, vi } from 'vitest';
import { createPlatformaticProducer, platformaticRetriable } from './platformatic-producer.js';

describe('platformaticRetriable', () => {
  it('repeats a send that failed on the network, timed out or found a partition led elsewhere', () => {
    expect(platformaticRetriable(new NetworkError('Connection closed'))).toBe(true);
    // The client marks its own timeouts final for its inner retry; a whole new send after one is still worth it.
    expect(platformaticRetriable(new TimeoutError('Request timed out'))).toBe(true);
    expect(
      platformaticRetriable(
        new MultipleErrors('Producing messages failed.', [new ProtocolError('NOT_LEADER_OR_FOLLOWER')]),
      ),
    ).toBe(true);
  });

  it('does not repeat what no repeat can fix, however deep the client nests it', () => {
    expect(platformaticRetriable(new AuthenticationError('SASL authentication failed'))).toBe(false);
    expect(platformaticRetriable(new UserError('Failed to serialize a message.'))).toBe(false);
    const tooLarge = new MultipleErrors('Producing messages failed.', [
      new NetworkError('Connection closed'),
      new MultipleErrors('Received response with error', [new ProtocolError('MESSAGE_TOO_LARGE')]),
    ]);
    expect(platformaticRetriable(tooLarge)).toBe(false);
  });

  it('repeats an error that is not the client’s own', () => {
    expect(platformaticRetriable(new Error('socket hang up'))).toBe(true);
    expect(platformaticRetriable(undefined)).toBe(true);
  });
});

describe('createPlatformaticProducer', () => {
  it('asks for acks=all on every send, which the client does not take from its constructor', async () => {
    const sends: { acks?: number }[] = [];
    vi.spyOn(Producer.prototype, 'send').mockImplementation(async (options: { acks?: number }) => {
      sends.push(options);
      return {};
    });
    const producer = createPlatformaticProducer({
      clientId: 'test',
      brokers: ['127.0.0.1:1'],
      maxInFlightRequests: 1,
      retry: { retries: 0, initialRetryTime: 1, maxRetryTime: 1 },
      connectionTimeoutMs: 1000,
      requestTimeoutMs: 1000,
    });
    await producer.send('t', [{ key: 'k', value: 'v' }]);
    await producer.send('t', [{ key: 'k', value: 'w' }]);
    expect(sends.map((s) => s.acks)).toStrictEqual([ProduceAcks.ALL, ProduceAcks.ALL]);
    vi.restoreAllMocks();
    await producer.disconnect();
  });
});
