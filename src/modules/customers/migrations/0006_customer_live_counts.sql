-- The exact number of live customers per owner, kept by triggers in the same transaction as every
-- insert, delete, restore, merge, erase and owner change, so that an unfiltered list (scope "all"
-- or "own") answers its `total` without counting a million rows (bench/customers_search).
-- SQLite only: on PostgreSQL a row trigger updating one counter row per write would pile up row
-- versions inside a large import, so there the list counts with an index-only scan instead (the
-- PostgreSQL migration creates the table empty and CustomerRepository never reads it there).
CREATE TABLE customer_live_counts (
  owner_id INTEGER PRIMARY KEY,
  live INTEGER NOT NULL
);
INSERT INTO customer_live_counts (owner_id, live)
  SELECT owner_id, COUNT(*) FROM customers WHERE deleted_at_ms IS NULL GROUP BY owner_id;

CREATE TRIGGER customer_live_counts_insert AFTER INSERT ON customers
  WHEN NEW.deleted_at_ms IS NULL
BEGIN
  INSERT INTO customer_live_counts (owner_id, live) VALUES (NEW.owner_id, 1)
    ON CONFLICT (owner_id) DO UPDATE SET live = live + 1;
END;

CREATE TRIGGER customer_live_counts_delete AFTER DELETE ON customers
  WHEN OLD.deleted_at_ms IS NULL
BEGIN
  UPDATE customer_live_counts SET live = live - 1 WHERE owner_id = OLD.owner_id;
END;

CREATE TRIGGER customer_live_counts_update AFTER UPDATE OF deleted_at_ms, owner_id ON customers
  WHEN (OLD.deleted_at_ms IS NULL) != (NEW.deleted_at_ms IS NULL) OR OLD.owner_id != NEW.owner_id
BEGIN
  UPDATE customer_live_counts SET live = live - 1
    WHERE owner_id = OLD.owner_id AND OLD.deleted_at_ms IS NULL;
  INSERT INTO customer_live_counts (owner_id, live)
    SELECT NEW.owner_id, 1 WHERE NEW.deleted_at_ms IS NULL
    ON CONFLICT (owner_id) DO UPDATE SET live = live + 1;
END;

-- "Own" scope lists filtered by stage count and page without reading the table.
CREATE INDEX customers_owner_stage ON customers (owner_id, stage, deleted_at_ms, created_at_ms, id);
