-- Customer search (issue 5, "Search and lists"): pinyin of the name, prefix indexes for `q`, and a
-- side table of the name's one- and two-character grams for "name contains" (FTS5's trigram
-- tokenizer cannot find names by one or two characters, and most Chinese names are 2-3 long).
-- Prefix search is written as a range (col >= 'x' AND col < 'y') so plain B-tree indexes serve it
-- on both databases. name_pinyin/name_initials of existing rows are filled by CustomersModule::start.
ALTER TABLE customers ADD COLUMN name_pinyin TEXT NOT NULL DEFAULT '';
ALTER TABLE customers ADD COLUMN name_initials TEXT NOT NULL DEFAULT '';
CREATE INDEX customers_name_pinyin ON customers (name_pinyin, id);
CREATE INDEX customers_name_initials ON customers (name_initials, id);
CREATE INDEX customers_province ON customers (province);
CREATE INDEX customers_city ON customers (city);
CREATE INDEX customers_district ON customers (district);
-- Counting and paging by stage / owner without reading the table.
CREATE INDEX customers_stage ON customers (stage, deleted_at_ms, created_at_ms, id);
CREATE INDEX customers_owner_created ON customers (owner_id, deleted_at_ms, created_at_ms, id);

CREATE TABLE customer_name_grams (
  gram TEXT NOT NULL,
  customer_id INTEGER NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
  PRIMARY KEY (gram, customer_id)
) WITHOUT ROWID;
CREATE INDEX customer_name_grams_customer ON customer_name_grams (customer_id);
