-- Imports of historical orders (issue 6): the uploaded file in parts, the job's progress and
-- counts, and every row error for the report. All in the database so any node runs the job.
CREATE TABLE order_imports (
  id BIGSERIAL PRIMARY KEY,
  filename TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status TEXT NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'queued', 'running', 'succeeded', 'failed')),
  phase TEXT NOT NULL DEFAULT '',
  dry_run BIGINT NOT NULL DEFAULT 0,
  mapping TEXT NOT NULL DEFAULT '{}',
  column_names TEXT NOT NULL DEFAULT '[]',
  preview TEXT NOT NULL DEFAULT '[]',
  suggested_mapping TEXT NOT NULL DEFAULT '{}',
  row_count BIGINT NOT NULL DEFAULT 0,
  processed BIGINT NOT NULL DEFAULT 0,
  order_count BIGINT NOT NULL DEFAULT 0,
  created BIGINT NOT NULL DEFAULT 0,
  skipped BIGINT NOT NULL DEFAULT 0,
  error_count BIGINT NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]',
  failure TEXT NOT NULL DEFAULT '',
  created_at_ms BIGINT NOT NULL,
  created_by BIGINT NOT NULL,
  started_at_ms BIGINT,
  finished_at_ms BIGINT
);
CREATE INDEX order_imports_creator ON order_imports (created_by, id);

-- The file, cut at row boundaries into parts of a few MB (each CSV part repeats the header), so
-- the job reads one part at a time. Deleted when the import finishes.
CREATE TABLE order_import_parts (
  import_id BIGINT NOT NULL REFERENCES order_imports (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  first_row BIGINT NOT NULL,
  bytes BYTEA NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- Row errors of an import (the import keeps the first 50 as JSON).
CREATE TABLE order_import_errors (
  import_id BIGINT NOT NULL REFERENCES order_imports (id) ON DELETE CASCADE,
  seq BIGINT NOT NULL,
  row_number BIGINT NOT NULL,
  column_name TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (import_id, seq)
);
