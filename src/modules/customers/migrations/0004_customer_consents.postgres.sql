-- Marketing consent history and anonymisation (issue 5: timeline, consent, privacy).
-- One row per change of one channel's flag, kept after erasure like customer_history (no foreign
-- key): consent must be provable after the fact.
CREATE TABLE customer_consent_events (
  id BIGSERIAL PRIMARY KEY,
  customer_id BIGINT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'phone')),
  granted BIGINT NOT NULL,
  at_ms BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('api', 'import', 'merge', 'anonymise')),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customer_consent_events_customer ON customer_consent_events (customer_id, id);

-- Set once the person's data was removed (POST /api/v1/customers/{id}/anonymise).
ALTER TABLE customers ADD COLUMN anonymised_at_ms BIGINT;
