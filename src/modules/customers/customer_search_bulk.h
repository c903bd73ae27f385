// SPDX-License-Identifier: Apache-2.0
// The bulk twins of the per-row search bookkeeping, for customers that a bulk write (the import)
// inserts: their name grams (write_name_grams, customer_search.h) in multi-row INSERTs, and the
// live counters of migrations 0006 / 0007 / 0009 / 0011 (customer_search_count.h) added up in memory and
// written once per distinct key instead of by one trigger per inserted row.
#pragma once

#include <cstdint>
#include <functional>
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
  using PinyinKey = std::tuple<std::string, int64_t>;  // prefix, owner
  using StageKey = AreaKey;  // kind, value, stage, owner: the same tuple type (and hash)
  // Hashes a key and its string_view twin alike (std::hash of a string and of its view are
  // equal), so that add_customer looks keys up without building their strings: a 1M-row import
  // makes ~50M look-ups, nearly all of keys already there.
  struct KeyHash {
    using is_transparent = void;
    template <typename... T>
    size_t operator()(const std::tuple<T...>& key) const {
      return std::apply([](const auto&... part) { return combine_all(part...); }, key);
    }

   private:
    static size_t part_hash(std::string_view text) { return std::hash<std::string_view>()(text); }
    static size_t part_hash(int64_t number) { return std::hash<int64_t>()(number); }
    template <typename... T>
    static size_t combine_all(const T&... parts) {
      size_t seed = 0;
      for (const size_t value : {part_hash(parts)...}) {
        seed ^= value + 0x9e3779b97f4a7c15ULL + (seed << 6) + (seed >> 2);
      }
      return seed;
    }
  };
  template <typename Key>
  using Counts = std::unordered_map<Key, int64_t, KeyHash, std::equal_to<>>;

 private:
  std::unordered_map<int64_t, int64_t> live_;  // owner -> live customers
  Counts<ValueKey> values_;
  Counts<AreaKey> areas_;
  Counts<GramAreaKey> gram_areas_;
  Counts<PinyinKey> pinyin_;
  Counts<StageKey> stages_;
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
