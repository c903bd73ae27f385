-- Exact totals of pinyin / initials prefix searches without counting the index (issue 5, "Search
-- and lists"; bench/customers_search): "zhang" or "z" match 100,000-200,000 of 1M customers, and
-- their index-only count (migration 0007) read every match (~7 ms for "zhang"). Here
-- customer_pinyin_counts keeps, per owner, the number of LIVE customers whose name_pinyin OR
-- name_initials starts with each prefix of 1..6 characters (a customer counts once per prefix even
-- when both start with it), kept by triggers in the same transaction as every write that can
-- change it (insert, delete, restore, merge, undo, erase, owner change, new name; the import adds
-- the same deltas itself, customer_search_bulk.h), so customer_search_count.cc answers a q of up
-- to 6 letters with one counter look-up per owner (kPinyinCountedPrefix); longer prefixes match
-- few enough customers to count in the index. SQLite only, like 0006 / 0007.
CREATE TABLE customer_pinyin_counts (
  prefix TEXT NOT NULL,
  owner_id INTEGER NOT NULL,
  live INTEGER NOT NULL,
  PRIMARY KEY (prefix, owner_id)
) WITHOUT ROWID;

-- The prefix lengths counted: a trigger cannot use a WITH clause, so the triggers join this table.
-- Keep in step with kPinyinCountedPrefix (customer_search_count.h) and CounterDeltas
-- (customer_search_bulk.cc), whose recount tests compare every counter with the tables.
CREATE TABLE customer_pinyin_prefix_lengths (n INTEGER PRIMARY KEY);
INSERT INTO customer_pinyin_prefix_lengths (n) VALUES (1), (2), (3), (4), (5), (6);

-- The prefixes of a customer: every prefix of name_pinyin, and those of name_initials that are
-- not also the pinyin's prefix of the same length (only same-length prefixes can be equal).
INSERT INTO customer_pinyin_counts (prefix, owner_id, live)
  SELECT prefix, owner_id, COUNT(*) FROM (
    SELECT c.owner_id, substr(c.name_pinyin, 1, l.n) AS prefix
      FROM customers c JOIN customer_pinyin_prefix_lengths l ON l.n <= length(c.name_pinyin)
      WHERE c.deleted_at_ms IS NULL
    UNION ALL
    SELECT c.owner_id, substr(c.name_initials, 1, l.n)
      FROM customers c JOIN customer_pinyin_prefix_lengths l ON l.n <= length(c.name_initials)
      WHERE c.deleted_at_ms IS NULL AND (l.n > length(c.name_pinyin) OR
            substr(c.name_initials, 1, l.n) != substr(c.name_pinyin, 1, l.n)))
  GROUP BY prefix, owner_id;

CREATE TRIGGER customer_pinyin_counts_insert AFTER INSERT ON customers
  WHEN NEW.deleted_at_ms IS NULL
BEGIN
  INSERT INTO customer_pinyin_counts (prefix, owner_id, live)
    SELECT substr(NEW.name_pinyin, 1, n), NEW.owner_id, 1
      FROM customer_pinyin_prefix_lengths WHERE n <= length(NEW.name_pinyin)
    UNION ALL
    SELECT substr(NEW.name_initials, 1, n), NEW.owner_id, 1
      FROM customer_pinyin_prefix_lengths
      WHERE n <= length(NEW.name_initials) AND (n > length(NEW.name_pinyin) OR
            substr(NEW.name_initials, 1, n) != substr(NEW.name_pinyin, 1, n))
    ON CONFLICT (prefix, owner_id) DO UPDATE SET live = live + 1;
END;

-- BEFORE, like customer_search_counts_delete (0007). IN takes each prefix once.
CREATE TRIGGER customer_pinyin_counts_delete BEFORE DELETE ON customers
  WHEN OLD.deleted_at_ms IS NULL
BEGIN
  UPDATE customer_pinyin_counts SET live = live - 1
    WHERE owner_id = OLD.owner_id AND prefix IN (
      SELECT substr(OLD.name_pinyin, 1, n) FROM customer_pinyin_prefix_lengths
        WHERE n <= length(OLD.name_pinyin)
      UNION ALL
      SELECT substr(OLD.name_initials, 1, n) FROM customer_pinyin_prefix_lengths
        WHERE n <= length(OLD.name_initials));
END;

-- Delete, restore, merge, undo, owner change, a new name (edit, erasure, the pinyin backfill):
-- take out the old prefixes (if the old row was live), add the new ones (if the new row is).
CREATE TRIGGER customer_pinyin_counts_update
  AFTER UPDATE OF deleted_at_ms, owner_id, name_pinyin, name_initials ON customers
  WHEN (OLD.deleted_at_ms IS NULL) != (NEW.deleted_at_ms IS NULL) OR (NEW.deleted_at_ms IS NULL AND (
    OLD.owner_id != NEW.owner_id OR OLD.name_pinyin != NEW.name_pinyin OR
    OLD.name_initials != NEW.name_initials))
BEGIN
  UPDATE customer_pinyin_counts SET live = live - 1
    WHERE OLD.deleted_at_ms IS NULL AND owner_id = OLD.owner_id AND prefix IN (
      SELECT substr(OLD.name_pinyin, 1, n) FROM customer_pinyin_prefix_lengths
        WHERE n <= length(OLD.name_pinyin)
      UNION ALL
      SELECT substr(OLD.name_initials, 1, n) FROM customer_pinyin_prefix_lengths
        WHERE n <= length(OLD.name_initials));
  INSERT INTO customer_pinyin_counts (prefix, owner_id, live)
    SELECT substr(NEW.name_pinyin, 1, n), NEW.owner_id, 1
      FROM customer_pinyin_prefix_lengths
      WHERE NEW.deleted_at_ms IS NULL AND n <= length(NEW.name_pinyin)
    UNION ALL
    SELECT substr(NEW.name_initials, 1, n), NEW.owner_id, 1
      FROM customer_pinyin_prefix_lengths
      WHERE NEW.deleted_at_ms IS NULL AND n <= length(NEW.name_initials) AND
            (n > length(NEW.name_pinyin) OR
             substr(NEW.name_initials, 1, n) != substr(NEW.name_pinyin, 1, n))
    ON CONFLICT (prefix, owner_id) DO UPDATE SET live = live + 1;
END;
