import type { Static } from '@sinclair/typebox';
import { Type } from '@sinclair/typebox';

// The one event contract shared by the API (request validation) and the worker (parsing what it consumes).
// Types are derived from the schemas, so the two services cannot disagree about a field.

export const EVENT_TYPES = ['credit', 'debit'] as const;

const AccountId = Type.String({
  pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$',
  description: 'an account id: letters, digits, _ . - (at most 64)',
});

// Minor units (cents) as integers: money is never a float. The cap keeps sums far inside a bigint column.
const Amount = Type.Integer({ minimum: 1, maximum: 1_000_000_000, description: 'amount in minor units, 1 to 1e9' });

const Payload = Type.Record(Type.String({ maxLength: 64 }), Type.Unknown(), {
  maxProperties: 32,
  description: 'free-form attributes carried with the event, not interpreted by the ledger',
});

const EventType = Type.Unsafe<(typeof EVENT_TYPES)[number]>({ type: 'string', enum: [...EVENT_TYPES] });

/** What a client sends to `POST /events`. */
export const EventInputSchema = Type.Object(
  {
    type: EventType,
    accountId: AccountId,
    amount: Amount,
    occurredAt: Type.Optional(Type.String({ format: 'date-time' })),
    payload: Type.Optional(Payload),
  },
  { additionalProperties: false },
);
export type EventInput = Static<typeof EventInputSchema>;

/** What travels on the events topic: the input plus the id the API assigned and a definite time. */
export const LedgerEventSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: EventType,
    accountId: AccountId,
    amount: Amount,
    occurredAt: Type.String({ format: 'date-time' }),
    /** When the API accepted the event (Kafka acknowledged it); with the ledger's applied_at it measures latency. */
    acceptedAt: Type.Optional(Type.String({ format: 'date-time' })),
    payload: Type.Optional(Payload),
  },
  { additionalProperties: false },
);
export type LedgerEvent = Static<typeof LedgerEventSchema>;

/** The signed effect of an event on its account's balance. */
export function balanceDelta(event: Pick<LedgerEvent, 'type' | 'amount'>): number {
  return event.type === 'credit' ? event.amount : -event.amount;
}

/** Events are keyed by account, so all events of one account land on one partition, in order. */
export function partitionKey(event: Pick<LedgerEvent, 'accountId'>): string {
  return event.accountId;
}
