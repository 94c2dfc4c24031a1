import type { EventProducer, OutgoingMessage } from '../shared/kafka/event-producer.js';
import { ApiError } from './errors.js';
import type { ApiMetrics } from './metrics.js';

/** The part of a producer the publisher uses (a real producer in production, a fake in unit tests). */
export type ProducerLike = Pick<EventProducer, 'send'>;

export interface PublisherOptions {
  readonly topic: string;
  readonly maxPendingEvents: number;
  readonly maxPendingBytes: number;
  readonly maxProduceBatch: number;
  /** Produce calls awaiting Kafka's acknowledgement at once; requests arriving meanwhile form the next calls. */
  readonly maxInFlightProduces: number;
  readonly produceTimeoutMs: number;
}

interface PendingRequest {
  readonly messages: readonly OutgoingMessage[];
  readonly bytes: number;
  readonly resolve: () => void;
  readonly reject: (error: ApiError) => void;
  readonly timer: NodeJS.Timeout;
  answered: boolean;
}

function messageBytes(message: OutgoingMessage): number {
  return Buffer.byteLength(message.value) + Buffer.byteLength(message.key);
}

/**
 * Coalesces the events of concurrent requests into few produce requests (throughput), with up to
 * `maxInFlightProduces` of them awaiting Kafka at once (a round trip of acks=all no longer holds every other request
 * back), while bounding what waits in memory (backpressure): a request resolves only when the produce call carrying
 * all of its events was acknowledged with acks=all, and is refused at once with 503 when the bound is reached, instead
 * of queueing without limit while Kafka is slow.
 */
export class EventPublisher {
  private readonly queue: PendingRequest[] = [];
  private pending = 0;
  private pendingBytes = 0;
  private inFlight = 0;
  private closed = false;
  private idle: (() => void) | undefined;

  constructor(
    private readonly producer: ProducerLike,
    private readonly options: PublisherOptions,
    private readonly metrics: Pick<ApiMetrics, 'produceErrors' | 'produceDuration' | 'pendingEvents'>,
    private readonly onProduceError?: (error: unknown) => void,
  ) {}

  /** Resolves once Kafka acknowledged every message; rejects with an ApiError (503) otherwise. */
  publish(messages: readonly OutgoingMessage[]): Promise<void> {
    if (this.closed) return Promise.reject(new ApiError('SHUTTING_DOWN'));
    const bytes = messages.reduce((n, m) => n + messageBytes(m), 0);
    if (
      this.pending + messages.length > this.options.maxPendingEvents ||
      this.pendingBytes + bytes > this.options.maxPendingBytes
    )
      return Promise.reject(new ApiError('OVERLOADED'));
    this.pending += messages.length;
    this.pendingBytes += bytes;
    this.metrics.pendingEvents.set(this.pending);
    return new Promise<void>((resolve, reject) => {
      const request: PendingRequest = {
        messages,
        bytes,
        resolve,
        reject,
        answered: false,
        timer: setTimeout(() => {
          // The send may still go through: the answer says "may still be applied", and the retry is safe.
          this.answer(request, new ApiError('KAFKA_UNAVAILABLE'));
        }, this.options.produceTimeoutMs),
      };
      this.queue.push(request);
      // One turn of the event loop first, so the requests that arrive together leave together.
      if (this.queue.length === 1) setImmediate(() => this.drain());
    });
  }

  /** Stops taking requests and resolves when everything already accepted has been sent (or failed). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.inFlight === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => (this.idle = resolve));
  }

  get pendingEvents(): number {
    return this.pending;
  }

  private answer(request: PendingRequest, error?: ApiError): void {
    if (request.answered) return;
    request.answered = true;
    clearTimeout(request.timer);
    if (error) request.reject(error);
    else request.resolve();
  }

  /** Takes whole requests, oldest first, up to maxProduceBatch messages (always at least one request). */
  private takeBatch(): PendingRequest[] {
    const batch: PendingRequest[] = [];
    let count = 0;
    while (this.queue.length > 0) {
      const next = this.queue[0]!;
      if (batch.length > 0 && count + next.messages.length > this.options.maxProduceBatch) break;
      this.queue.shift();
      batch.push(next);
      count += next.messages.length;
    }
    return batch;
  }

  /** Starts produce calls for what is queued, up to the in-flight limit; each finished call drains again. */
  private drain(): void {
    while (this.queue.length > 0 && this.inFlight < this.options.maxInFlightProduces) {
      const batch = this.takeBatch();
      // A request that timed out while queued was answered 503 already: sending it now would accept it silently.
      const live = batch.filter((r) => !r.answered);
      this.inFlight += 1;
      void this.send(batch, live);
    }
    if (this.inFlight === 0 && this.queue.length === 0) this.idle?.();
  }

  private async send(batch: PendingRequest[], live: PendingRequest[]): Promise<void> {
    const failure = live.length > 0 ? await this.produce(live) : undefined;
    // Capacity is freed before the answers go out, so a client that retries at once finds room.
    this.pending -= batch.reduce((n, r) => n + r.messages.length, 0);
    this.pendingBytes -= batch.reduce((n, r) => n + r.bytes, 0);
    this.metrics.pendingEvents.set(this.pending);
    // Each request is answered by the call that carried its own events, and only by it: a 2xx means those are in Kafka.
    for (const request of live) this.answer(request, failure);
    this.inFlight -= 1;
    this.drain();
  }

  /** Sends the requests' messages in one produce call; returns the error to answer them with, if it failed. */
  private async produce(requests: PendingRequest[]): Promise<ApiError | undefined> {
    const stopTimer = this.metrics.produceDuration.startTimer();
    try {
      await this.producer.send(
        this.options.topic,
        requests.flatMap((r) => r.messages),
      );
      stopTimer();
      return undefined;
    } catch (error) {
      this.metrics.produceErrors.inc();
      // The broker's address and error stay in the log; the client learns what to do, not where the broker is.
      this.onProduceError?.(error);
      return new ApiError('KAFKA_UNAVAILABLE');
    }
  }
}
