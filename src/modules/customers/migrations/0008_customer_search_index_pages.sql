-- A search page from indexes only (issue 5, "Search and lists"; customer_search.h index_page_ids):
-- the pinyin and initials indexes also carry every sort key of the live list, so the first page
-- of "pinyin / initials start with q" is read in the index in sort order of its matches, without
-- a table row or a look-up per match. The leading columns stay those of migration 0007, whose
-- index-only counts (customer_search_count.cc) use them.
DROP INDEX customers_name_pinyin;
CREATE INDEX customers_name_pinyin ON customers (name_pinyin, deleted_at_ms, owner_id,
                                                 created_at_ms, updated_at_ms, name_lower);
DROP INDEX customers_name_initials;
CREATE INDEX customers_name_initials ON customers (name_initials, deleted_at_ms, owner_id,
                                                   name_pinyin, created_at_ms, updated_at_ms,
                                                   name_lower);
