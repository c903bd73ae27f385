-- Fewer indexes to keep up on every write (issue 5, "Import": an import that doubles the table
-- builds each of them again before it commits). customers_owner (owner_id) is the leading column
-- of customers_owner_created and customers_owner_stage, which serve every owner_id look-up;
-- customers_id_number held every customer, mostly NULLs, for the duplicate scan that
-- customers_live_id_number (0003) serves; the recycle bin and the purge read customers_deleted
-- for deleted rows only, so it no longer holds an entry per live customer.
DROP INDEX customers_owner;
DROP INDEX customers_id_number;
DROP INDEX customers_deleted;
CREATE INDEX customers_deleted ON customers (deleted_at_ms) WHERE deleted_at_ms IS NOT NULL;
