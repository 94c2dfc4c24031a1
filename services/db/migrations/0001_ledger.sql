-- The ledger: every event credits or debits one account, so a duplicate effect shows up as money.

-- One row per event id ever applied. The worker's `after` mode inserts here and applies an event's effect only when
-- the insert succeeded, in the same transaction as the effect itself.
CREATE TABLE processed_events (
  event_id uuid PRIMARY KEY,
  topic text NOT NULL,
  kafka_partition integer NOT NULL,
  kafka_offset bigint NOT NULL,
  processed_at timestamptz NOT NULL DEFAULT now()
);

-- One row per applied effect. Deliberately no UNIQUE (event_id): the dedup lives in processed_events, so the naive
-- `before` mode can apply an event twice and the duplicate stays visible here.
CREATE TABLE ledger_entries (
  entry_id bigserial PRIMARY KEY,
  event_id uuid NOT NULL,
  account_id text NOT NULL,
  amount bigint NOT NULL,
  occurred_at timestamptz NOT NULL,
  applied_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX ledger_entries_event_id ON ledger_entries (event_id);

CREATE TABLE account_balances (
  account_id text PRIMARY KEY,
  balance bigint NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);
