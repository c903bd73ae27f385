-- Customer search (issue 5, "Search and lists"): pinyin of the name, prefix indexes for `q`, and a
-- side table of the name's one- and two-character grams for "name contains" (pg_trgm cannot find
-- names by one or two characters, and most Chinese names are 2-3 long).
-- Prefix search is written as a range (col COLLATE "C" >= 'x' AND col COLLATE "C" < 'y'); the
-- indexes are in the "C" collation so they serve it whatever the database's locale.
-- name_pinyin/name_initials of existing rows are filled by CustomersModule::start.
ALTER TABLE customers ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_name_pinyin ON customers ((name_pinyin COLLATE "C"), id);
CREATE INDEX customers_name_initials ON customers ((name_initials COLLATE "C"), id);
CREATE INDEX customers_number_prefix ON customers ((number COLLATE "C"));
CREATE INDEX customers_province ON customers ((province COLLATE "C"));
CREATE INDEX customers_city ON customers ((city COLLATE "C"));
CREATE INDEX customers_district ON customers ((district COLLATE "C"));
-- Counting and paging by stage / owner without reading the table.
CREATE INDEX customers_stage ON customers (stage, deleted_at_ms, created_at_ms, id);
CREATE INDEX customers_owner_created ON customers (owner_id, deleted_at_ms, created_at_ms, id);

CREATE TABLE customer_name_grams (
  gram TEXT NOT NULL,
  customer_id BIGINT NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  PRIMARY KEY (gram, customer_id)
);
CREATE INDEX customer_name_grams_customer ON customer_name_grams (customer_id);
