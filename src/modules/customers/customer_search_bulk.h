// SPDX-License-Identifier: Apache-2.0
// The bulk twins of the per-row search bookkeeping, for customers that a bulk write (the import)
// inserts: their name grams (write_name_grams, customer_search.h) in multi-row INSERTs, and the
// live counters of migrations 0006 / 0007 / 0009 / 0011 (customer_search_count.h) added up in memory and
// written once per distinct key instead of by one trigger per inserted row.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <tuple>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"
#include "modules/customers/batch_insert.h"
#include "storage/connection.h"

namespace crm::customers {

// Collects (customer, grams) pairs and inserts them into customer_name_grams. `grams` must be
// name_grams(name_lower) of the customer's name. write_sorted() writes what was added so far
// sorted by (gram, customer), so that the primary key's B-tree takes it page by page instead of
// at random; call it every few thousand customers (rows are buffered until then) and flush() at
// the end. Not thread-safe; one per transaction.
class NameGramBulkWriter {
 public:
  explicit NameGramBulkWriter(storage::Connection& tx);
  // Only buffers (never fails; a Result for the callers written when it inserted directly).
  Result<void> add(int64_t customer_id, const std::vector<std::string>& grams);
  // Full multi-row statements only (the few rows left over wait for the next call: every
  // statement keeps one SQL text, prepared once).
  Result<void> write_sorted();
  // Everything still buffered.
  Result<void> flush();

 private:
  BatchInsert insert_;
  std::vector<std::pair<std::string, int64_t>> pending_;
};

// What the count triggers of migrations 0006 / 0007 / 0009 / 0011 would add for customers inserted
// LIVE (deleted_at_ms NULL) together with their tags, category memberships and name grams. Not
// thread-safe: one per thread or chunk, combined with merge().
class CounterDeltas {
 public:
  // `name_pinyin` / `name_initials` as written to the row (fill_search_fields); `category_ids`
  // and `grams` distinct (as the side tables' primary keys require); `grams` = name_grams of the
  // name.
  void add_customer(int64_t owner_id, std::string_view number, std::string_view stage,
                    std::string_view province, std::string_view city, std::string_view district,
                    std::string_view name_pinyin, std::string_view name_initials,
                    const std::vector<std::string>& tags, const std::vector<int64_t>& category_ids,
                    const std::vector<std::string>& grams);
  // One more category membership of a live customer of `owner_id` in `stage` (for add_customer
  // callers that pass no category_ids because the ids are not known yet).
  void add_category_member(int64_t owner_id, std::string_view stage, int64_t category_id);
  void merge(CounterDeltas&& other);
  // Adds the deltas to the counter tables with one UPSERT per distinct key (multi-row), then
  // forgets them. SQLite only (PostgreSQL keeps no counters: nothing to do there).
  Result<void> write(storage::Connection& tx);

  using ValueKey = std::tuple<std::string, std::string, int64_t>;  // kind, value, owner
  using AreaKey = std::tuple<std::string, std::string, std::string, int64_t>;
  using GramAreaKey = std::tuple<std::string, std::string, std::string, std::string>;
  using PinyinKey = std::pair<std::string, int64_t>;  // prefix, owner
  using StageKey = AreaKey;  // kind, value, stage, owner: the same tuple type (and hash)
  struct KeyHash {
    size_t operator()(const PinyinKey& k) const;
    size_t operator()(const ValueKey& k) const;
    size_t operator()(const AreaKey& k) const;
    size_t operator()(const GramAreaKey& k) const;
  };

 private:
  std::unordered_map<int64_t, int64_t> live_;  // owner -> live customers
  std::unordered_map<ValueKey, int64_t, KeyHash> values_;
  std::unordered_map<AreaKey, int64_t, KeyHash> areas_;
  std::unordered_map<GramAreaKey, int64_t, KeyHash> gram_areas_;
  std::unordered_map<PinyinKey, int64_t, KeyHash> pinyin_;
  std::unordered_map<StageKey, int64_t, KeyHash> stages_;
};

// The INSERT count triggers of migrations 0006 / 0007 / 0009 / 0011 (on customers, customer_tags,
// customer_category_members, customer_name_grams), dropped inside a write transaction so that a
// bulk insert can keep the counters with CounterDeltas instead, and recreated from their stored
// SQL by restore() before that transaction commits. Safe with other writers: SQLite has one, and
// until the commit no other connection sees the schema without them; a rollback (error, crash)
// brings them back too. The caller MUST call restore() on its success path (or roll back).
// PostgreSQL has no such triggers: both calls do nothing there.
class SuspendedCountTriggers {
 public:
  // Errors: kInternal when one of the triggers is missing (a later migration renamed or dropped
  // it: CounterDeltas would no longer match what the triggers count).
  static Result<SuspendedCountTriggers> suspend(storage::Connection& tx);
  Result<void> restore(storage::Connection& tx);
  // Whether the caller must keep the counters itself (SQLite).
  bool active() const { return !sql_.empty(); }

 private:
  std::vector<std::string> sql_;  // CREATE TRIGGER statements to run again
};

}  // namespace crm::customers
