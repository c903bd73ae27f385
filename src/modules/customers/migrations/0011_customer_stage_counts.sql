-- Exact totals of a filter combined with a stage (issue 5, "Search and lists"; bench kinds
-- "pinyin prefix + stage" and "tag + stage"): "tag VIP and stage member" or "q zhang and stage
-- transacted" were COUNTed, one table row per match of the first filter (~480 ms p99 over 1M).
-- Live customers per (kind, value, stage, owner) for the kinds a stage is combined with:
-- 'tag', 'category' (category id as text) and 'gram' as in customer_value_counts (0007), and
-- 'pinyin': each pinyin / initials prefix of up to 6 characters, a customer once per prefix, as
-- in customer_pinyin_counts (0009). Same invariant and rules as 0007: side rows are only INSERTed
-- or DELETEd; SQLite only (PostgreSQL counts these totals).
CREATE TABLE customer_stage_counts (
  kind TEXT NOT NULL,
  value TEXT NOT NULL,
  stage TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  live INTEGER NOT NULL,
  PRIMARY KEY (kind, value, stage, owner_id)
) WITHOUT ROWID;

INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
  SELECT 'tag', t.tag, c.stage, c.owner_id, COUNT(*) FROM customer_tags t
  JOIN customers c ON c.id = t.customer_id
  WHERE c.deleted_at_ms IS NULL GROUP BY t.tag, c.stage, c.owner_id;
INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
  SELECT 'category', CAST(m.category_id AS TEXT), c.stage, c.owner_id, COUNT(*)
  FROM customer_category_members m JOIN customers c ON c.id = m.customer_id
  WHERE c.deleted_at_ms IS NULL GROUP BY m.category_id, c.stage, c.owner_id;
INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
  SELECT 'gram', g.gram, c.stage, c.owner_id, COUNT(*) FROM customer_name_grams g
  JOIN customers c ON c.id = g.customer_id
  WHERE c.deleted_at_ms IS NULL GROUP BY g.gram, c.stage, c.owner_id;
INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
  SELECT 'pinyin', prefix, stage, owner_id, COUNT(*) FROM (
    SELECT c.stage, c.owner_id, substr(c.name_pinyin, 1, l.n) AS prefix
      FROM customers c JOIN customer_pinyin_prefix_lengths l ON l.n <= length(c.name_pinyin)
      WHERE c.deleted_at_ms IS NULL
    UNION ALL
    SELECT c.stage, c.owner_id, substr(c.name_initials, 1, l.n)
      FROM customers c JOIN customer_pinyin_prefix_lengths l ON l.n <= length(c.name_initials)
      WHERE c.deleted_at_ms IS NULL AND (l.n > length(c.name_pinyin) OR
            substr(c.name_initials, 1, l.n) != substr(c.name_pinyin, 1, l.n)))
  GROUP BY prefix, stage, owner_id;

-- A new live customer: its pinyin prefixes (its tags, categories and grams come later, as side
-- rows, and count through their own triggers below).
CREATE TRIGGER customer_stage_counts_insert AFTER INSERT ON customers
  WHEN NEW.deleted_at_ms IS NULL
BEGIN
  INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
    SELECT 'pinyin', substr(NEW.name_pinyin, 1, n), NEW.stage, NEW.owner_id, 1
      FROM customer_pinyin_prefix_lengths WHERE n <= length(NEW.name_pinyin)
    UNION ALL
    SELECT 'pinyin', substr(NEW.name_initials, 1, n), NEW.stage, NEW.owner_id, 1
      FROM customer_pinyin_prefix_lengths
      WHERE n <= length(NEW.name_initials) AND (n > length(NEW.name_pinyin) OR
            substr(NEW.name_initials, 1, n) != substr(NEW.name_pinyin, 1, n))
    ON CONFLICT (kind, value, stage, owner_id) DO UPDATE SET live = live + 1;
END;

-- A live customer leaves: BEFORE, as customer_search_counts_delete (0007).
CREATE TRIGGER customer_stage_counts_delete BEFORE DELETE ON customers
  WHEN OLD.deleted_at_ms IS NULL
BEGIN
  UPDATE customer_stage_counts SET live = live - 1
    WHERE kind = 'tag' AND stage = OLD.stage AND owner_id = OLD.owner_id
      AND value IN (SELECT tag FROM customer_tags WHERE customer_id = OLD.id);
  UPDATE customer_stage_counts SET live = live - 1
    WHERE kind = 'category' AND stage = OLD.stage AND owner_id = OLD.owner_id
      AND value IN (SELECT CAST(category_id AS TEXT) FROM customer_category_members
                    WHERE customer_id = OLD.id);
  UPDATE customer_stage_counts SET live = live - 1
    WHERE kind = 'gram' AND stage = OLD.stage AND owner_id = OLD.owner_id
      AND value IN (SELECT gram FROM customer_name_grams WHERE customer_id = OLD.id);
  UPDATE customer_stage_counts SET live = live - 1
    WHERE kind = 'pinyin' AND stage = OLD.stage AND owner_id = OLD.owner_id AND value IN (
      SELECT substr(OLD.name_pinyin, 1, n) FROM customer_pinyin_prefix_lengths
        WHERE n <= length(OLD.name_pinyin)
      UNION ALL
      SELECT substr(OLD.name_initials, 1, n) FROM customer_pinyin_prefix_lengths
        WHERE n <= length(OLD.name_initials));
END;

-- Delete, restore, merge, undo, owner / stage change, a new name: take out what the old row
-- counted (if it was live), add what the new row counts (if it is live). Its side rows do not
-- change inside this statement.
CREATE TRIGGER customer_stage_counts_update
  AFTER UPDATE OF deleted_at_ms, owner_id, stage, name_pinyin, name_initials ON customers
  WHEN (OLD.deleted_at_ms IS NULL) != (NEW.deleted_at_ms IS NULL) OR (NEW.deleted_at_ms IS NULL AND (
    OLD.owner_id != NEW.owner_id OR OLD.stage != NEW.stage OR
    OLD.name_pinyin != NEW.name_pinyin OR OLD.name_initials != NEW.name_initials))
BEGIN
  UPDATE customer_stage_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'tag' AND stage = OLD.stage
      AND owner_id = OLD.owner_id
      AND value IN (SELECT tag FROM customer_tags WHERE customer_id = OLD.id);
  UPDATE customer_stage_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'category' AND stage = OLD.stage
      AND owner_id = OLD.owner_id
      AND value IN (SELECT CAST(category_id AS TEXT) FROM customer_category_members
                    WHERE customer_id = OLD.id);
  UPDATE customer_stage_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'gram' AND stage = OLD.stage
      AND owner_id = OLD.owner_id
      AND value IN (SELECT gram FROM customer_name_grams WHERE customer_id = OLD.id);
  UPDATE customer_stage_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND kind = 'pinyin' AND stage = OLD.stage
      AND owner_id = OLD.owner_id AND value IN (
      SELECT substr(OLD.name_pinyin, 1, n) FROM customer_pinyin_prefix_lengths
        WHERE n <= length(OLD.name_pinyin)
      UNION ALL
      SELECT substr(OLD.name_initials, 1, n) FROM customer_pinyin_prefix_lengths
        WHERE n <= length(OLD.name_initials));

  INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
    SELECT 'tag', tag, NEW.stage, NEW.owner_id, 1 FROM customer_tags
      WHERE customer_id = NEW.id AND NEW.deleted_at_ms IS NULL
    UNION ALL SELECT 'category', CAST(category_id AS TEXT), NEW.stage, NEW.owner_id, 1
      FROM customer_category_members WHERE customer_id = NEW.id AND NEW.deleted_at_ms IS NULL
    UNION ALL SELECT 'gram', gram, NEW.stage, NEW.owner_id, 1 FROM customer_name_grams
      WHERE customer_id = NEW.id AND NEW.deleted_at_ms IS NULL
    UNION ALL SELECT 'pinyin', substr(NEW.name_pinyin, 1, n), NEW.stage, NEW.owner_id, 1
      FROM customer_pinyin_prefix_lengths
      WHERE NEW.deleted_at_ms IS NULL AND n <= length(NEW.name_pinyin)
    UNION ALL SELECT 'pinyin', substr(NEW.name_initials, 1, n), NEW.stage, NEW.owner_id, 1
      FROM customer_pinyin_prefix_lengths
      WHERE NEW.deleted_at_ms IS NULL AND n <= length(NEW.name_initials) AND
            (n > length(NEW.name_pinyin) OR
             substr(NEW.name_initials, 1, n) != substr(NEW.name_pinyin, 1, n))
    ON CONFLICT (kind, value, stage, owner_id) DO UPDATE SET live = live + 1;
END;

-- Side rows of a live customer.
CREATE TRIGGER customer_stage_counts_tag_insert AFTER INSERT ON customer_tags
BEGIN
  INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
    SELECT 'tag', NEW.tag, stage, owner_id, 1 FROM customers
      WHERE id = NEW.customer_id AND deleted_at_ms IS NULL
    ON CONFLICT (kind, value, stage, owner_id) DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER customer_stage_counts_tag_delete AFTER DELETE ON customer_tags
BEGIN
  UPDATE customer_stage_counts SET live = live - 1
    WHERE kind = 'tag' AND value = OLD.tag AND (stage, owner_id) = (
      SELECT stage, owner_id FROM customers WHERE id = OLD.customer_id AND deleted_at_ms IS NULL);
END;

CREATE TRIGGER customer_stage_counts_category_insert AFTER INSERT ON customer_category_members
BEGIN
  INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
    SELECT 'category', CAST(NEW.category_id AS TEXT), stage, owner_id, 1 FROM customers
      WHERE id = NEW.customer_id AND deleted_at_ms IS NULL
    ON CONFLICT (kind, value, stage, owner_id) DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER customer_stage_counts_category_delete AFTER DELETE ON customer_category_members
BEGIN
  UPDATE customer_stage_counts SET live = live - 1
    WHERE kind = 'category' AND value = CAST(OLD.category_id AS TEXT) AND (stage, owner_id) = (
      SELECT stage, owner_id FROM customers WHERE id = OLD.customer_id AND deleted_at_ms IS NULL);
END;

CREATE TRIGGER customer_stage_counts_gram_insert AFTER INSERT ON customer_name_grams
BEGIN
  INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live)
    SELECT 'gram', NEW.gram, stage, owner_id, 1 FROM customers
      WHERE id = NEW.customer_id AND deleted_at_ms IS NULL
    ON CONFLICT (kind, value, stage, owner_id) DO UPDATE SET live = live + 1;
END;
CREATE TRIGGER customer_stage_counts_gram_delete AFTER DELETE ON customer_name_grams
BEGIN
  UPDATE customer_stage_counts SET live = live - 1
    WHERE kind = 'gram' AND value = OLD.gram AND (stage, owner_id) = (
      SELECT stage, owner_id FROM customers WHERE id = OLD.customer_id AND deleted_at_ms IS NULL);
END;
