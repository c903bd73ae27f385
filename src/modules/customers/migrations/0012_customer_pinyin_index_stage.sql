-- A search page of "q and stage" from the pinyin / initials indexes alone (issue 5, "Search and
-- lists"; customer_search.h index_page_ids): the stage joins the sort keys that 0008 put in these
-- indexes, so the page tests it without a table row per match ("zhang" and a stage read ~70,000
-- rows otherwise). The leading columns stay those of 0007 / 0008.
DROP INDEX customers_name_pinyin;
CREATE INDEX customers_name_pinyin ON customers (name_pinyin, deleted_at_ms, owner_id,
                                                 created_at_ms, updated_at_ms, name_lower, stage);
DROP INDEX customers_name_initials;
CREATE INDEX customers_name_initials ON customers (name_initials, deleted_at_ms, owner_id,
                                                   name_pinyin, created_at_ms, updated_at_ms,
                                                   name_lower, stage);
