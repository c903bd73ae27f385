-- Imports of historical orders (issue 6): the uploaded file in parts, the job's progress and
-- counts, and every row error for the report. All in the database so any node runs the job.
CREATE TABLE order_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  filename TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status TEXT NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'queued', 'running', 'succeeded', 'failed')),
  phase TEXT NOT NULL DEFAULT '',
  dry_run INTEGER NOT NULL DEFAULT 0,
  mapping TEXT NOT NULL DEFAULT '{}',
  column_names TEXT NOT NULL DEFAULT '[]',
  preview TEXT NOT NULL DEFAULT '[]',
  suggested_mapping TEXT NOT NULL DEFAULT '{}',
  row_count INTEGER NOT NULL DEFAULT 0,
  processed INTEGER NOT NULL DEFAULT 0,
  order_count INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  skipped INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]',
  failure TEXT NOT NULL DEFAULT '',
  created_at_ms INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  started_at_ms INTEGER,
  finished_at_ms INTEGER
);
CREATE INDEX order_imports_creator ON order_imports (created_by, id);

-- The file, cut at row boundaries into parts of a few MB (each CSV part repeats the header), so
-- the job reads one part at a time. Deleted when the import finishes.
CREATE TABLE order_import_parts (
  import_id INTEGER NOT NULL REFERENCES order_imports (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  first_row INTEGER NOT NULL,
  bytes BLOB NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- Row errors of an import (the import keeps the first 50 as JSON).
CREATE TABLE order_import_errors (
  import_id INTEGER NOT NULL REFERENCES order_imports (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  row_number INTEGER NOT NULL,
  column_name TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (import_id, seq)
);
