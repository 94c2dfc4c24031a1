import {
  AuthenticationError,
  MultipleErrors,
  NetworkError,
  ProduceAcks,
  Producer,
  ResponseError,
  TimeoutError,
  UserError,
} from '@platformatic/kafka';
import { describe, expect, it, vi } from 'vitest';
import { OFFLINE_PRODUCER_OPTIONS } from './testing.js';
import { createPlatformaticProducer, platformaticRetriable } from './platformatic-producer.js';

describe('platformaticRetriable', () => {
  it('repeats a send that failed on the network, timed out or found a partition led elsewhere', () => {
    expect(platformaticRetriable(new NetworkError('Connection closed'))).toBe(true);
    // The client's request timeout, as connection.js raises it.
    expect(platformaticRetriable(new TimeoutError('Request timed out', { canRetry: true }))).toBe(true);
    const notLeader = new ResponseError(0, 9, { '/responses/0/partitions/0': [6, null] }, undefined);
    expect(platformaticRetriable(new MultipleErrors('Producing messages failed.', [notLeader]))).toBe(true);
  });

  it('does not repeat a token the broker refused, nested as the client nests it', () => {
    // connection.js: the broker's SASL_AUTHENTICATION_FAILED, wrapped in an authentication error, wrapped in the
    // connection's network error, inside the send's per-broker errors.
    const refused = new ResponseError(36, 2, { '': [58, 'invalid token'] }, undefined);
    const failedConnection = new NetworkError('Connection to 127.0.0.1:9092 failed.', {
      cause: new AuthenticationError('SASL authentication failed.', { cause: refused }),
    });
    expect(platformaticRetriable(new MultipleErrors('Producing messages failed.', [failedConnection]))).toBe(false);
  });

  it('repeats when the token provider itself failed: the next attempt asks it again', () => {
    const providerFailed = new NetworkError('Connection to 127.0.0.1:9092 failed.', {
      cause: new AuthenticationError('SASL authentication failed.', { cause: new Error('STS unavailable') }),
    });
    expect(platformaticRetriable(providerFailed)).toBe(true);
  });

  it('does not repeat a refused input or a record the broker calls too large', () => {
    expect(platformaticRetriable(new UserError('Failed to serialize a message.'))).toBe(false);
    const tooLarge = new MultipleErrors('Producing messages failed.', [
      new NetworkError('Connection closed'),
      new ResponseError(0, 9, { '/responses/0/partitions/0': [10, null] }, undefined),
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
    const producer = createPlatformaticProducer(OFFLINE_PRODUCER_OPTIONS);
    try {
      await producer.send('t', [{ key: 'k', value: 'v' }]);
      await producer.send('t', [{ key: 'k', value: 'w' }]);
      expect(sends.map((s) => s.acks)).toStrictEqual([ProduceAcks.ALL, ProduceAcks.ALL]);
    } finally {
      vi.restoreAllMocks();
      await producer.disconnect();
    }
  });
});
