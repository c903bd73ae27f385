-- Customer imports and exports (issue 5): uploaded files, their check results and the exported
-- files, all in the database so that any node can run the job and serve the download.
CREATE TABLE customer_imports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  filename TEXT NOT NULL,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status TEXT NOT NULL DEFAULT 'uploaded'
    CHECK (status IN ('uploaded', 'queued', 'running', 'succeeded', 'failed')),
  dry_run INTEGER NOT NULL DEFAULT 0,
  match_by TEXT NOT NULL DEFAULT 'phone',
  mapping TEXT NOT NULL DEFAULT '{}',
  column_names TEXT NOT NULL DEFAULT '[]',
  preview TEXT NOT NULL DEFAULT '[]',
  suggested_mapping TEXT NOT NULL DEFAULT '{}',
  row_count INTEGER NOT NULL DEFAULT 0,
  processed INTEGER NOT NULL DEFAULT 0,
  created INTEGER NOT NULL DEFAULT 0,
  updated INTEGER NOT NULL DEFAULT 0,
  error_count INTEGER NOT NULL DEFAULT 0,
  errors TEXT NOT NULL DEFAULT '[]',
  failure TEXT NOT NULL DEFAULT '',
  file BLOB,
  created_at_ms INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  started_at_ms INTEGER,
  finished_at_ms INTEGER
);
CREATE INDEX customer_imports_creator ON customer_imports (created_by, id);

-- Every row-level error of an import, for the CSV report (the import keeps the first 50 as JSON).
CREATE TABLE customer_import_errors (
  import_id INTEGER NOT NULL REFERENCES customer_imports (id) ON DELETE CASCADE,
  seq INTEGER NOT NULL,
  row_number INTEGER NOT NULL,
  column_name TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL DEFAULT '',
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- Exported files are kept 24 hours (expires_at_ms), then deleted when a new export starts.
CREATE TABLE customer_exports (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  format TEXT NOT NULL CHECK (format IN ('csv', 'xlsx')),
  status TEXT NOT NULL DEFAULT 'queued'
    CHECK (status IN ('queued', 'running', 'succeeded', 'failed')),
  unmask INTEGER NOT NULL DEFAULT 0,
  filters TEXT NOT NULL DEFAULT '{}',
  total INTEGER NOT NULL DEFAULT 0,
  processed INTEGER NOT NULL DEFAULT 0,
  filename TEXT NOT NULL,
  error TEXT,
  file BLOB,
  created_at_ms INTEGER NOT NULL,
  created_by INTEGER NOT NULL,
  finished_at_ms INTEGER,
  expires_at_ms INTEGER NOT NULL
);
CREATE INDEX customer_exports_creator ON customer_exports (created_by, id);
CREATE INDEX customer_exports_expires ON customer_exports (expires_at_ms);
