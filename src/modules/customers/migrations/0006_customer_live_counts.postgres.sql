-- See 0006_customer_live_counts.sql: the per-owner live counter is kept on SQLite only. On
-- PostgreSQL a row trigger updating one counter row per write would leave a row version per
-- customer inside a large import (each update then walks the previous ones), so lists count with
-- an index-only scan of the partial index below instead and this table stays empty and unread.
CREATE TABLE customer_live_counts (
  owner_id BIGINT PRIMARY KEY,
  live BIGINT NOT NULL
);
CREATE INDEX customers_live_owner ON customers (owner_id) WHERE deleted_at_ms IS NULL;

-- "Own" scope lists filtered by stage count and page without reading the table.
CREATE INDEX customers_owner_stage ON customers (owner_id, stage, deleted_at_ms, created_at_ms, id);
