-- Marketing consent history and anonymisation (issue 5: timeline, consent, privacy).
-- One row per change of one channel's flag, kept after erasure like customer_history (no foreign
-- key): consent must be provable after the fact.
CREATE TABLE customer_consent_events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_id INTEGER NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('sms', 'email', 'phone')),
  granted INTEGER NOT NULL,
  at_ms INTEGER NOT NULL,
  actor_id INTEGER,
  actor_name TEXT NOT NULL DEFAULT '',
  source TEXT NOT NULL CHECK (source IN ('api', 'import', 'merge', 'anonymise')),
  note TEXT NOT NULL DEFAULT ''
);
CREATE INDEX customer_consent_events_customer ON customer_consent_events (customer_id, id);

-- Set once the person's data was removed (POST /api/v1/customers/{id}/anonymise).
ALTER TABLE customers ADD COLUMN anonymised_at_ms INTEGER;
