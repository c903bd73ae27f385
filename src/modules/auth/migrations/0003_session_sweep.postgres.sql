-- Expired sessions are swept at each login (SessionService::login): these indexes find them
-- without reading the whole table.
CREATE INDEX sessions_last_seen ON sessions (last_seen_at_ms);
CREATE INDEX sessions_created ON sessions (created_at_ms);
