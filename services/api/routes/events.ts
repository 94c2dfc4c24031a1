import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Message } from 'kafkajs';
import type { EventInput, LedgerEvent } from '../../shared/contract/event.js';
import { EventInputSchema, partitionKey } from '../../shared/contract/event.js';
import { eventId } from '../../shared/contract/event-id.js';
import { IdempotencyCache, bodyFingerprint, validIdempotencyKey } from '../idempotency.js';
import type { ApiMetrics } from '../metrics.js';
import type { EventPublisher } from '../publisher.js';

export const IDEMPOTENCY_KEY_HEADER = 'idempotency-key';
export const IDEMPOTENT_REPLAY_HEADER = 'idempotent-replayed';

export interface EventRoutesOptions {
  readonly publisher: EventPublisher;
  readonly metrics: ApiMetrics;
  readonly maxBatchEvents: number;
  readonly idempotencyCacheSize: number;
  /** The clock that stamps events without an occurredAt (injected so tests are deterministic). */
  readonly now: () => Date;
}

interface Accepted {
  readonly ids: string[];
  readonly acceptedAt: string;
}

function toLedgerEvent(input: EventInput, id: string, now: Date): LedgerEvent {
  return { id, ...input, occurredAt: input.occurredAt ?? now.toISOString() };
}

function toMessage(event: LedgerEvent): Message {
  return { key: partitionKey(event), value: JSON.stringify(event) };
}

/** `POST /events` (one event) and `POST /events/batch` (all or nothing), both honouring Idempotency-Key. */
export function eventRoutes(app: FastifyInstance, options: EventRoutesOptions): void {
  const cache = new IdempotencyCache<Accepted>(options.idempotencyCacheSize);

  async function accept(request: FastifyRequest, reply: FastifyReply, inputs: EventInput[]): Promise<Accepted> {
    const key = validIdempotencyKey(request.headers[IDEMPOTENCY_KEY_HEADER]);
    const produce = async (): Promise<Accepted> => {
      const now = options.now();
      const events = inputs.map((input, index) => toLedgerEvent(input, eventId(key, index), now));
      await options.publisher.publish(events.map(toMessage));
      options.metrics.eventsAccepted.inc(events.length);
      return { ids: events.map((e) => e.id), acceptedAt: now.toISOString() };
    };
    if (key === undefined) return produce();
    const { result, replayed } = await cache.run(
      `${request.routeOptions.url}\n${key}`,
      bodyFingerprint(request.body),
      produce,
    );
    if (replayed) void reply.header(IDEMPOTENT_REPLAY_HEADER, 'true');
    return result;
  }

  app.post<{ Body: EventInput }>('/events', { schema: { body: EventInputSchema } }, async (request, reply) => {
    const accepted = await accept(request, reply, [request.body]);
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
      const accepted = await accept(request, reply, request.body.events);
      return reply.code(202).send(accepted);
    },
  );
}
