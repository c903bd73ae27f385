-- Password recovery (AUTH-3). One row per code sent: only its SHA-256 (bound to the user id) is
-- kept, with where it went (masked), until when it is valid, how often it was guessed and when it
-- was used. user_id is the auth module's users.id; no foreign key, because recovery does not
-- depend on auth's tables (it reaches accounts through AccountDirectory).
CREATE TABLE password_resets (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL,
  code_hash TEXT NOT NULL,
  channel TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
  destination_masked TEXT NOT NULL,
  expires_at_ms INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used_at_ms INTEGER,
  created_at_ms INTEGER NOT NULL,
  ip TEXT NOT NULL DEFAULT ''
) STRICT;

CREATE INDEX password_resets_user ON password_resets (user_id, id);
CREATE INDEX password_resets_created ON password_resets (created_at_ms);

-- Every accepted recovery request, also for unknown identifiers, for the rate limits (per
-- identifier and per IP). The identifier is stored only as its SHA-256. Pruned after an hour.
CREATE TABLE recovery_requests (
  id INTEGER PRIMARY KEY,
  identifier_hash TEXT NOT NULL,
  ip TEXT NOT NULL,
  at_ms INTEGER NOT NULL
) STRICT;

CREATE INDEX recovery_requests_identifier ON recovery_requests (identifier_hash, at_ms);
CREATE INDEX recovery_requests_ip ON recovery_requests (ip, at_ms);
CREATE INDEX recovery_requests_at ON recovery_requests (at_ms);
