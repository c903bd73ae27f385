-- Duplicates and merge (issue 5). A merged customer keeps its row (deleted_at_ms set and
-- merged_into naming the survivor) so that an undo can bring it back; the merge record keeps both
-- stored rows as they were before (sealed values only, never plaintext), their tags and category
-- ids, and the ids each participant module moved.
ALTER TABLE customers ADD COLUMN merged_into INTEGER;
CREATE INDEX customers_merged_into ON customers (merged_into) WHERE merged_into IS NOT NULL;
-- The duplicate scan groups live customers by these keys.
CREATE INDEX customers_name_birthday ON customers (name_lower, birthday)
  WHERE deleted_at_ms IS NULL AND birthday IS NOT NULL;
CREATE INDEX customers_name_area ON customers (name_lower, province, city, district)
  WHERE deleted_at_ms IS NULL AND district <> '';

-- A possible duplicate pair, stored once with the lower id first.
CREATE TABLE customer_duplicate_candidates (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  customer_a INTEGER NOT NULL,
  customer_b INTEGER NOT NULL,
  reason TEXT NOT NULL CHECK (reason IN ('same_id_number', 'same_name_birthday',
                                         'same_name_address', 'similar_name_address')),
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'merged', 'dismissed')),
  found_at_ms INTEGER NOT NULL,
  resolved_at_ms INTEGER,
  resolved_by INTEGER,
  CHECK (customer_a < customer_b),
  UNIQUE (customer_a, customer_b)
);
CREATE INDEX customer_duplicate_candidates_status ON customer_duplicate_candidates (status, id);
CREATE INDEX customer_duplicate_candidates_b ON customer_duplicate_candidates (customer_b);

CREATE TABLE customer_merges (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  survivor_id INTEGER NOT NULL,
  merged_id INTEGER NOT NULL,
  survivor_number TEXT NOT NULL,
  merged_number TEXT NOT NULL,
  merged_at_ms INTEGER NOT NULL,
  merged_by INTEGER NOT NULL,
  undone_at_ms INTEGER,
  undone_by INTEGER,
  survivor_before TEXT NOT NULL,
  merged_before TEXT NOT NULL,
  survivor_version INTEGER NOT NULL,
  moved TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX customer_merges_survivor ON customer_merges (survivor_id, id);
CREATE INDEX customer_merges_merged ON customer_merges (merged_id, id);
CREATE INDEX customers_live_id_number ON customers (id_number_index)
  WHERE deleted_at_ms IS NULL AND id_number_index IS NOT NULL;
-- similar_name_address: name_pinyin comes from migration 0002.
CREATE INDEX customers_pinyin_area ON customers (name_pinyin, province, city, district)
  WHERE deleted_at_ms IS NULL AND district <> '' AND name_pinyin <> '';
