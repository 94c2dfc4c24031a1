import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { OutgoingMessage } from '../../shared/kafka/event-producer.js';
import type { EventInput, LedgerEvent } from '../../shared/contract/event.js';
import { EventInputSchema, partitionKey } from '../../shared/contract/event.js';
import { eventId } from '../../shared/contract/event-id.js';
import { callerOf } from '../caller.js';
import { ApiError } from '../errors.js';
import { requiredIdempotencyKey } from '../idempotency.js';
import type { KeyRegistry } from '../key-registry.js';
import type { ApiMetrics } from '../metrics.js';
import type { EventPublisher } from '../publisher.js';
import { batchRequestHash, singleRequestHash } from '../request-hash.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';

export interface EventRoutesOptions {
  readonly publisher: EventPublisher;
  readonly keys: KeyRegistry;
  readonly metrics: ApiMetrics;
  readonly maxBatchEvents: number;
  /** The clock that stamps acceptedAt (and occurredAt when absent); injected so tests are deterministic. */
  readonly now: () => Date;
}

interface Accepted {
  readonly ids: readonly string[];
  readonly acceptedAt: string;
}

function toLedgerEvent(input: EventInput, id: string, acceptedAt: string): LedgerEvent {
  return { id, ...input, occurredAt: input.occurredAt ?? acceptedAt, acceptedAt };
}

function toMessage(event: LedgerEvent): OutgoingMessage {
  return { key: partitionKey(event), value: JSON.stringify(event) };
}

/**
 * `POST /events` (one event) and `POST /events/batch` (all or nothing). Every request carries an Idempotency-Key,
 * scoped to its caller and recorded where every replica sees it: the first request with a key fixes its event ids and
 * acceptedAt; an identical retry, on any replica, produces the very same events again (the worker's dedup makes that
 * harmless) and gets the first answer; the key with another body or on the other route is refused with 422.
 */
export function eventRoutes(app: FastifyInstance, options: EventRoutesOptions): void {
  async function accept(
    request: FastifyRequest,
    reply: FastifyReply,
    requestHash: string,
    inputs: EventInput[],
  ): Promise<Accepted> {
    const key = requiredIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    const caller = callerOf(request);
    const claim = {
      caller,
      key,
      requestHash,
      eventIds: inputs.map((_, index) => eventId(caller, key, index)),
      acceptedAt: options.now(),
    };
    let outcome;
    try {
      outcome = await options.keys.claim(claim);
    } catch (error) {
      request.log.warn({ err: error }, 'idempotency store unavailable');
      throw new ApiError('DATABASE_UNAVAILABLE');
    }
    if (outcome.kind === 'conflict') throw new ApiError('IDEMPOTENCY_KEY_REUSED');
    const acceptedAt = outcome.acceptedAt.toISOString();
    const events = inputs.map((input, index) => toLedgerEvent(input, outcome.eventIds[index]!, acceptedAt));
    await options.publisher.publish(events.map(toMessage));
    if (outcome.kind === 'replay') void reply.header(IDEMPOTENT_REPLAY_HEADER, 'true');
    else options.metrics.eventsAccepted.inc(events.length);
    return { ids: events.map((e) => e.id), acceptedAt };
  }

  app.post<{ Body: EventInput }>('/events', { schema: { body: EventInputSchema } }, async (request, reply) => {
    const accepted = await accept(request, reply, singleRequestHash(request.body), [request.body]);
    return reply.code(202).send({ id: accepted.ids[0], acceptedAt: accepted.acceptedAt });
  });

  app.post<{ Body: { events: EventInput[] } }>(
    '/events/batch',
    {
      schema: {
        body: {
          type: 'object',
          additionalProperties: false,
          required: ['events'],
          properties: {
            events: { type: 'array', minItems: 1, maxItems: options.maxBatchEvents, items: EventInputSchema },
          },
        },
      },
    },
    async (request, reply) => {
      const accepted = await accept(request, reply, batchRequestHash(request.body), request.body.events);
      return reply.code(202).send(accepted);
    },
  );
}
