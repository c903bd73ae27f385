-- Exact search totals without counting rows (issue 5, "Search and lists"; bench/customers_search):
-- a list's `total` used to COUNT(*) its matches, reading one customers row per match (~5 us) to
-- test deleted_at_ms / owner_id, so a city, tag or one-character search over 1M customers took
-- 150-600 ms. Here the number of LIVE customers per (value, owner) is kept by triggers in the same
-- transaction as every write that can change it (customer insert, delete, restore, merge, undo,
-- erase, owner / stage / address change; tag, category and name-gram rows added or removed), so
-- customer_search_count.cc answers those totals with an index lookup and a few additions.
-- Invariant: each counter equals the number of matching side rows / customers that are live
-- (deleted_at_ms IS NULL) and owned by owner_id. Side-table rows are only ever INSERTed or
-- DELETEd (never UPDATEd) by the code; the triggers below rely on that.
-- SQLite only, like customer_live_counts (0006): on PostgreSQL a row trigger that updates one hot
-- counter row per write piles up row versions inside a big import, so there the tables stay empty
-- and unread and totals are COUNTed.

-- kind: 'tag' (value = tag), 'category' (value = category id as text), 'stage', 'gram' (a one- or
-- two-character name gram, see customer_name_grams), 'number' (the first 9 characters of the
-- customer number: C + yyyymmdd, so a number prefix of up to 9 characters sums a range).
CREATE TABLE customer_value_counts (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  live INTEGER NOT NULL,
  PRIMARY KEY (kind, value, owner_id)
) WITHOUT ROWID;

-- Live customers per address and owner: every customer is in exactly one row, so the total of
-- "province, city or district starts with q" is one SUM over the matching rows, overlaps included.
CREATE TABLE customer_area_counts (
  province TEXT NOT NULL,
  city TEXT NOT NULL,
  district TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  live INTEGER NOT NULL,
  PRIMARY KEY (province, city, district, owner_id)
) WITHOUT ROWID;
CREATE INDEX customer_area_counts_city ON customer_area_counts (city);
CREATE INDEX customer_area_counts_district ON customer_area_counts (district);

-- Live customers per one-character name gram and address (all owners): the overlap of "the name
-- contains 海" and "the district starts with 海" (海淀区), so such a total is exact without a scan.
CREATE TABLE customer_gram_area_counts (
  gram TEXT NOT NULL,
  province TEXT NOT NULL,
  city TEXT NOT NULL,
  district TEXT NOT NULL,
  live INTEGER NOT NULL,
  PRIMARY KEY (gram, province, city, district)
) WITHOUT ROWID;

INSERT INTO customer_value_counts (kind, value, owner_id, live)
  SELECT 'stage', stage, owner_id, COUNT(*) FROM customers WHERE deleted_at_ms IS NULL
  GROUP BY stage, owner_id;
INSERT INTO customer_value_counts (kind, value, owner_id, live)
  SELECT 'number', substr(number, 1, 9), owner_id, COUNT(*) FROM customers
  WHERE deleted_at_ms IS NULL GROUP BY substr(number, 1, 9), owner_id;
INSERT INTO customer_value_counts (kind, value, owner_id, live)
  SELECT 'tag', t.tag, c.owner_id, COUNT(*) FROM customer_tags t JOIN customers c ON c.id = t.customer_id
  WHERE c.deleted_at_ms IS NULL GROUP BY t.tag, c.owner_id;
INSERT INTO customer_value_counts (kind, value, owner_id, live)
  SELECT 'category', CAST(m.category_id AS TEXT), c.owner_id, COUNT(*)
  FROM customer_category_members m JOIN customers c ON c.id = m.customer_id
  WHERE c.deleted_at_ms IS NULL GROUP BY m.category_id, c.owner_id;
INSERT INTO customer_value_counts (kind, value, owner_id, live)
  SELECT 'gram', g.gram, c.owner_id, COUNT(*) FROM customer_name_grams g
  JOIN customers c ON c.id = g.customer_id
  WHERE c.deleted_at_ms IS NULL GROUP BY g.gram, c.owner_id;
INSERT INTO customer_area_counts (province, city, district, owner_id, live)
  SELECT province, city, district, owner_id, COUNT(*) FROM customers WHERE deleted_at_ms IS NULL
  GROUP BY province, city, district, owner_id;
INSERT INTO customer_gram_area_counts (gram, province, city, district, live)
  SELECT g.gram, c.province, c.city, c.district, COUNT(*) FROM customer_name_grams g
  JOIN customers c ON c.id = g.customer_id
  WHERE c.deleted_at_ms IS NULL AND length(g.gram) = 1
  GROUP BY g.gram, c.province, c.city, c.district;

-- A new live customer: its own values (its tags, categories and grams come later, as side rows).
CREATE TRIGGER customer_search_counts_insert AFTER INSERT ON customers
  WHEN NEW.deleted_at_ms IS NULL
BEGIN
  INSERT INTO customer_value_counts (kind, value, owner_id, live)
    VALUES ('stage', NEW.stage, NEW.owner_id, 1), ('number', substr(NEW.number, 1, 9), NEW.owner_id, 1)
    ON CONFLICT (kind, value, owner_id) DO UPDATE SET live = live + 1;
  INSERT INTO customer_area_counts (province, city, district, owner_id, live)
    VALUES (NEW.province, NEW.city, NEW.district, NEW.owner_id, 1)
    ON CONFLICT (province, city, district, owner_id) DO UPDATE SET live = live + 1;
END;

-- A live customer leaves: BEFORE, because the ON DELETE CASCADE of its grams runs after the row is
-- gone (the side-table triggers then find no live customer and change nothing).
CREATE TRIGGER customer_search_counts_delete BEFORE DELETE ON customers
  WHEN OLD.deleted_at_ms IS NULL
BEGIN
  UPDATE customer_value_counts SET live = live - 1
    WHERE kind = 'stage' AND value = OLD.stage AND owner_id = OLD.owner_id;
  UPDATE customer_value_counts SET live = live - 1
    WHERE kind = 'number' AND value = substr(OLD.number, 1, 9) AND owner_id = OLD.owner_id;
  UPDATE customer_value_counts SET live = live - 1
    WHERE kind = 'tag' AND owner_id = OLD.owner_id
      AND value IN (SELECT tag FROM customer_tags WHERE customer_id = OLD.id);
  UPDATE customer_value_counts SET live = live - 1
    WHERE kind = 'category' AND owner_id = OLD.owner_id
      AND value IN (SELECT CAST(category_id AS TEXT) FROM customer_category_members
                    WHERE customer_id = OLD.id);
  UPDATE customer_value_counts SET live = live - 1
    WHERE kind = 'gram' AND owner_id = OLD.owner_id
      AND value IN (SELECT gram FROM customer_name_grams WHERE customer_id = OLD.id);
  UPDATE customer_area_counts SET live = live - 1
    WHERE province = OLD.province AND city = OLD.city AND district = OLD.district
      AND owner_id = OLD.owner_id;
  UPDATE customer_gram_area_counts SET live = live - 1
    WHERE province = OLD.province AND city = OLD.city AND district = OLD.district
      AND gram IN (SELECT gram FROM customer_name_grams
                   WHERE customer_id = OLD.id AND length(gram) = 1);
END;

-- Delete, restore, merge, undo, owner / stage / address change: take out what the old row counted
-- (if it was live) and add what the new row counts (if it is live). Its side rows do not change
-- inside this statement.
CREATE TRIGGER customer_search_counts_update
  AFTER UPDATE OF deleted_at_ms, owner_id, stage, number, province, city, district ON customers
  WHEN (OLD.deleted_at_ms IS NULL) != (NEW.deleted_at_ms IS NULL) OR (NEW.deleted_at_ms IS NULL AND (
    OLD.owner_id != NEW.owner_id OR OLD.stage != NEW.stage OR OLD.province != NEW.province OR
    OLD.city != NEW.city OR OLD.district != NEW.district OR
    substr(OLD.number, 1, 9) != substr(NEW.number, 1, 9)))
BEGIN
  UPDATE customer_value_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'stage' AND value = OLD.stage AND owner_id = OLD.owner_id;
  UPDATE customer_value_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'number' AND value = substr(OLD.number, 1, 9) AND owner_id = OLD.owner_id;
  UPDATE customer_value_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'tag' AND owner_id = OLD.owner_id
      AND value IN (SELECT tag FROM customer_tags WHERE customer_id = OLD.id);
  UPDATE customer_value_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'category' AND owner_id = OLD.owner_id
      AND value IN (SELECT CAST(category_id AS TEXT) FROM customer_category_members
                    WHERE customer_id = OLD.id);
  UPDATE customer_value_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'gram' AND owner_id = OLD.owner_id
      AND value IN (SELECT gram FROM customer_name_grams WHERE customer_id = OLD.id);
  UPDATE customer_area_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND province = OLD.province AND city = OLD.city
      AND district = OLD.district AND owner_id = OLD.owner_id;
  UPDATE customer_gram_area_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND province = OLD.province AND city = OLD.city
      AND district = OLD.district
      AND gram IN (SELECT gram FROM customer_name_grams
                   WHERE customer_id = OLD.id AND length(gram) = 1);

  INSERT INTO customer_value_counts (kind, value, owner_id, live)
    SELECT 'stage', NEW.stage, NEW.owner_id, 1 WHERE NEW.deleted_at_ms IS NULL
    UNION ALL SELECT 'number', substr(NEW.number, 1, 9), NEW.owner_id, 1
      WHERE NEW.deleted_at_ms IS NULL
    UNION ALL SELECT 'tag', tag, NEW.owner_id, 1 FROM customer_tags
      WHERE customer_id = NEW.id AND NEW.deleted_at_ms IS NULL
    UNION ALL SELECT 'category', CAST(category_id AS TEXT), NEW.owner_id, 1
      FROM customer_category_members WHERE customer_id = NEW.id AND NEW.deleted_at_ms IS NULL
    UNION ALL SELECT 'gram', gram, NEW.owner_id, 1 FROM customer_name_grams
      WHERE customer_id = NEW.id AND NEW.deleted_at_ms IS NULL
    ON CONFLICT (kind, value, owner_id) DO UPDATE SET live = live + 1;
  INSERT INTO customer_area_counts (province, city, district, owner_id, live)
    SELECT NEW.province, NEW.city, NEW.district, NEW.owner_id, 1 WHERE NEW.deleted_at_ms IS NULL
    ON CONFLICT (province, city, district, owner_id) DO UPDATE SET live = live + 1;
  INSERT INTO customer_gram_area_counts (gram, province, city, district, live)
    SELECT gram, NEW.province, NEW.city, NEW.district, 1 FROM customer_name_grams
      WHERE customer_id = NEW.id AND NEW.deleted_at_ms IS NULL AND length(gram) = 1
    ON CONFLICT (gram, province, city, district) DO UPDATE SET live = live + 1;
END;

-- Side rows of a live customer.
CREATE TRIGGER customer_search_counts_tag_insert AFTER INSERT ON customer_tags
BEGIN
  INSERT INTO customer_value_counts (kind, value, owner_id, live)
    SELECT 'tag', NEW.tag, owner_id, 1 FROM customers
      WHERE id = NEW.customer_id AND deleted_at_ms IS NULL
    ON CONFLICT (kind, value, owner_id) DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER customer_search_counts_tag_delete AFTER DELETE ON customer_tags
BEGIN
  UPDATE customer_value_counts SET live = live - 1
    WHERE kind = 'tag' AND value = OLD.tag AND owner_id = (
      SELECT owner_id FROM customers WHERE id = OLD.customer_id AND deleted_at_ms IS NULL);
END;

CREATE TRIGGER customer_search_counts_category_insert AFTER INSERT ON customer_category_members
BEGIN
  INSERT INTO customer_value_counts (kind, value, owner_id, live)
    SELECT 'category', CAST(NEW.category_id AS TEXT), owner_id, 1 FROM customers
      WHERE id = NEW.customer_id AND deleted_at_ms IS NULL
    ON CONFLICT (kind, value, owner_id) DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER customer_search_counts_category_delete AFTER DELETE ON customer_category_members
BEGIN
  UPDATE customer_value_counts SET live = live - 1
    WHERE kind = 'category' AND value = CAST(OLD.category_id AS TEXT) AND owner_id = (
      SELECT owner_id FROM customers WHERE id = OLD.customer_id AND deleted_at_ms IS NULL);
END;

CREATE TRIGGER customer_search_counts_gram_insert AFTER INSERT ON customer_name_grams
BEGIN
  INSERT INTO customer_value_counts (kind, value, owner_id, live)
    SELECT 'gram', NEW.gram, owner_id, 1 FROM customers
      WHERE id = NEW.customer_id AND deleted_at_ms IS NULL
    ON CONFLICT (kind, value, owner_id) DO UPDATE SET live = live + 1;
  INSERT INTO customer_gram_area_counts (gram, province, city, district, live)
    SELECT NEW.gram, province, city, district, 1 FROM customers
      WHERE id = NEW.customer_id AND deleted_at_ms IS NULL AND length(NEW.gram) = 1
    ON CONFLICT (gram, province, city, district) DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER customer_search_counts_gram_delete AFTER DELETE ON customer_name_grams
BEGIN
  UPDATE customer_value_counts SET live = live - 1
    WHERE kind = 'gram' AND value = OLD.gram AND owner_id = (
      SELECT owner_id FROM customers WHERE id = OLD.customer_id AND deleted_at_ms IS NULL);
  UPDATE customer_gram_area_counts SET live = live - 1
    WHERE length(OLD.gram) = 1 AND gram = OLD.gram AND (province, city, district) = (
      SELECT province, city, district FROM customers
      WHERE id = OLD.customer_id AND deleted_at_ms IS NULL);
END;

-- "q" by pinyin / initials counts live matches inside the index (no table row per match); the
-- initials index carries name_pinyin so that |pinyin OR initials| = |pinyin| + |initials, not
-- pinyin| stays index-only too.
DROP INDEX customers_name_pinyin;
CREATE INDEX customers_name_pinyin ON customers (name_pinyin, deleted_at_ms, owner_id);
DROP INDEX customers_name_initials;
CREATE INDEX customers_name_initials ON customers (name_initials, deleted_at_ms, owner_id,
                                                   name_pinyin);

-- A search page whose matches are too few to find by walking the sort index (prefer_row_tests in
-- customer_search_count.h) picks its page here, without reading a table row per match: the live
-- flag, the owner and every sort key by id.
CREATE INDEX customers_sort_keys ON customers (id, deleted_at_ms, owner_id, created_at_ms,
                                               updated_at_ms, name_lower);
