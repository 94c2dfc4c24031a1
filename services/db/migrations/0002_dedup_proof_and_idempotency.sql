-- A skipped duplicate must be provably the same event: the hash of its canonical body sits next to its id, and a
-- redelivery whose hash differs is a conflict (dead-lettered), never silently skipped. Rows from before have no hash
-- and therefore prove nothing: the empty default makes any later event with their id a conflict.
ALTER TABLE processed_events ADD COLUMN body_hash text NOT NULL DEFAULT '';

-- Retention deletes by age (services/db/prune.ts), so the age must be cheap to find.
CREATE INDEX processed_events_processed_at ON processed_events (processed_at);

-- When the API accepted the event; applied_at is written in the transaction's last statement (close to its commit).
ALTER TABLE ledger_entries ADD COLUMN accepted_at timestamptz;

-- The API's idempotency keys, shared by every replica and surviving restarts: a key used again with another body is
-- refused on any replica; the same body gets the first answer again (the same event ids and acceptedAt).
CREATE TABLE idempotency_keys (
  caller text NOT NULL,
  idempotency_key text NOT NULL,
  request_hash text NOT NULL,
  event_ids uuid[] NOT NULL,
  accepted_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (caller, idempotency_key)
);
CREATE INDEX idempotency_keys_created_at ON idempotency_keys (created_at);
