import { describe, expect, it } from 'vitest';
import { ApiError } from './errors.js';
import { createApiMetrics } from './metrics.js';
import type { OutgoingMessage } from '../shared/kafka/event-producer.js';
import type { ProducerLike } from './publisher.js';
import { EventPublisher } from './publisher.js';

/** A producer whose sends complete only when the test says so. */
class ControlledProducer implements ProducerLike {
  readonly sends: {
    record: { topic: string; messages: readonly OutgoingMessage[] };
    settle: (error?: Error) => void;
  }[] = [];

  send(topic: string, messages: readonly OutgoingMessage[]): Promise<void> {
    return new Promise((resolve, reject) => {
      this.sends.push({ record: { topic, messages }, settle: (error) => (error ? reject(error) : resolve()) });
    });
  }
}

const options = {
  topic: 't',
  maxPendingEvents: 5,
  maxPendingBytes: 1_000_000,
  maxProduceBatch: 3,
  maxInFlightProduces: 1,
  produceTimeoutMs: 10_000,
};
const message = (n: number) => ({ key: 'k', value: String(n) });
const tick = () => new Promise((resolve) => setImmediate(resolve));

function publisherWith(producer: ProducerLike, overrides: Partial<typeof options> = {}) {
  return new EventPublisher(producer, { ...options, ...overrides }, createApiMetrics());
}

describe('EventPublisher', () => {
  it('sends the events of concurrent requests together and resolves each once Kafka acknowledged', async () => {
    const producer = new ControlledProducer();
    const publisher = publisherWith(producer);
    let resolved = 0;
    const requests = [publisher.publish([message(1)]), publisher.publish([message(2), message(3)])].map((p) =>
      p.then(() => resolved++),
    );
    await tick();
    expect(producer.sends).toHaveLength(1);
    expect(producer.sends[0]!.record).toStrictEqual({
      topic: 't',
      messages: [message(1), message(2), message(3)],
    });
    expect(resolved).toBe(0);
    producer.sends[0]!.settle();
    await Promise.all(requests);
    expect(resolved).toBe(2);
  });

  it('never splits a request across produce calls, and caps each call at maxProduceBatch events', async () => {
    const producer = new ControlledProducer();
    const publisher = publisherWith(producer);
    const first = publisher.publish([message(1), message(2)]);
    const second = publisher.publish([message(3), message(4)]);
    await tick();
    expect(producer.sends.map((s) => s.record.messages.length)).toStrictEqual([2]);
    producer.sends[0]!.settle();
    await first;
    await tick();
    expect(producer.sends.map((s) => s.record.messages.length)).toStrictEqual([2, 2]);
    producer.sends[1]!.settle();
    await second;
  });

  it('keeps up to maxInFlightProduces calls awaiting Kafka, and answers each request only with its own call', async () => {
    const producer = new ControlledProducer();
    const publisher = publisherWith(producer, { maxInFlightProduces: 2, maxProduceBatch: 1, maxPendingEvents: 10 });
    const answered: number[] = [];
    const requests = [1, 2, 3].map((n) => publisher.publish([message(n)]).then(() => answered.push(n)));
    await tick();
    // Two calls wait for Kafka at once; the third request waits for a free slot.
    expect(producer.sends.map((s) => s.record.messages)).toStrictEqual([[message(1)], [message(2)]]);
    producer.sends[1]!.settle();
    await requests[1];
    // The second call's acknowledgement answers the second request only: the first is not in Kafka yet.
    expect(answered).toStrictEqual([2]);
    await tick();
    expect(producer.sends.map((s) => s.record.messages)).toStrictEqual([[message(1)], [message(2)], [message(3)]]);
    producer.sends[0]!.settle(new Error('not enough replicas'));
    await expect(requests[0]).rejects.toMatchObject({ code: 'KAFKA_UNAVAILABLE' });
    producer.sends[2]!.settle();
    await requests[2];
    expect(answered).toStrictEqual([2, 3]);
  });

  it('refuses at once with OVERLOADED when the pending bound would be exceeded, instead of buffering', async () => {
    const producer = new ControlledProducer();
    const publisher = publisherWith(producer);
    const held = publisher.publish([message(1), message(2), message(3), message(4)]);
    await expect(publisher.publish([message(5), message(6)])).rejects.toMatchObject({
      code: 'OVERLOADED',
      statusCode: 503,
    });
    expect(publisher.pendingEvents).toBe(4);
    await tick();
    producer.sends[0]!.settle();
    await held;
    expect(publisher.pendingEvents).toBe(0);
    const later = publisher.publish([message(5), message(6)]);
    await tick();
    expect(producer.sends[1]!.record.messages).toStrictEqual([message(5), message(6)]);
    producer.sends[1]!.settle();
    await later;
  });

  it('answers KAFKA_UNAVAILABLE when the produce fails, and frees the capacity', async () => {
    const producer = new ControlledProducer();
    const publisher = publisherWith(producer);
    const request = publisher.publish([message(1)]);
    await tick();
    producer.sends[0]!.settle(new Error('broker down'));
    const error = await request.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ApiError);
    expect(error).toMatchObject({ code: 'KAFKA_UNAVAILABLE', statusCode: 503 });
    // The broker's error stays in the log: the client learns what to do, not where the broker is.
    expect((error as Error).message).not.toContain('broker down');
    expect((error as Error).message).toMatch(/may still be applied; retry with the same Idempotency-Key/);
    expect(publisher.pendingEvents).toBe(0);
  });

  it('times a request out with KAFKA_UNAVAILABLE, and never sends a request that timed out while queued', async () => {
    const producer = new ControlledProducer();
    const publisher = publisherWith(producer, { produceTimeoutMs: 50 });
    const inFlight = publisher.publish([message(1), message(2), message(3)]);
    await tick();
    const queued = publisher.publish([message(4)]);
    await expect(inFlight).rejects.toMatchObject({ code: 'KAFKA_UNAVAILABLE' });
    await expect(queued).rejects.toMatchObject({ code: 'KAFKA_UNAVAILABLE' });
    producer.sends[0]!.settle();
    await tick();
    expect(producer.sends).toHaveLength(1);
  });

  it('after close() refuses new requests and waits for the accepted ones', async () => {
    const producer = new ControlledProducer();
    const publisher = publisherWith(producer);
    const accepted = publisher.publish([message(1)]);
    await tick();
    let closed = false;
    const closing = publisher.close().then(() => (closed = true));
    await expect(publisher.publish([message(2)])).rejects.toMatchObject({ code: 'SHUTTING_DOWN' });
    expect(closed).toBe(false);
    producer.sends[0]!.settle();
    await accepted;
    await closing;
    expect(closed).toBe(true);
  });
});
