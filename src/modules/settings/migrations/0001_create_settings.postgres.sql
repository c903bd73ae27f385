-- Settings that differ from their built-in defaults (settings_schema.cc), one row per key;
-- `value` is the JSON text of the value. A key without a row has its default.
CREATE TABLE settings (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at_ms BIGINT NOT NULL,
  updated_by BIGINT
);
