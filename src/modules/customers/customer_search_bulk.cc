// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_search_bulk.h"

#include <algorithm>
#include <array>
#include <functional>
#include <tuple>
#include <type_traits>

#include <fmt/format.h>

#include "modules/customers/customer_search_count.h"

namespace crm::customers {

namespace {

constexpr size_t kRowsPerStatement = 500;

// Keep in step with migrations 0006 / 0007 / 0009 / 0011: these triggers are what CounterDeltas replaces.
// A migration that changes what they count must change CounterDeltas::add_customer too (the
// import's recount tests in import_writer_test.cc and customer_search_count_test.cc compare the
// counters with the tables).
constexpr std::array<std::string_view, 10> kInsertCountTriggers = {
    "customer_live_counts_insert",          "customer_search_counts_insert",
    "customer_search_counts_tag_insert",    "customer_search_counts_category_insert",
    "customer_search_counts_gram_insert",   "customer_pinyin_counts_insert",
    "customer_stage_counts_insert",         "customer_stage_counts_tag_insert",
    "customer_stage_counts_category_insert", "customer_stage_counts_gram_insert"};

bool one_character(std::string_view text) {
  // SQLite's length() counts characters: one UTF-8 lead byte (every other byte is 10xxxxxx).
  return !text.empty() &&
         std::count_if(text.begin(), text.end(), [](char c) {
           return (static_cast<unsigned char>(c) & 0xC0) != 0x80;
         }) == 1;
}

// The prefixes of `text` of 1..kPinyinCountedPrefix characters (code points, as SQLite's substr
// counts them), shortest first.
std::vector<std::string_view> leading_prefixes(std::string_view text) {
  std::vector<std::string_view> out;
  for (size_t end = 0; end < text.size() && out.size() < kPinyinCountedPrefix;) {
    ++end;
    while (end < text.size() && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) ++end;
    out.push_back(text.substr(0, end));
  }
  return out;
}

// Counter keys as views of their parts (CounterDeltas::KeyHash hashes them as the keys they view):
// strings are built only for keys not seen yet.
using PrefixView = std::tuple<std::string_view, int64_t>;                   // PinyinKey
using ValueView = std::tuple<std::string_view, std::string_view, int64_t>;  // ValueKey
// AreaKey, and StageKey (the same tuple).
using AreaView = std::tuple<std::string_view, std::string_view, std::string_view, int64_t>;
using GramAreaView =
    std::tuple<std::string_view, std::string_view, std::string_view, std::string_view>;

// Adds `delta` to the count of the key whose parts `key` views, building the key's strings only
// when it is new.
template <typename Map, typename View>
void bump(Map& map, const View& key, int64_t delta = 1) {
  if constexpr (std::is_same_v<View, typename Map::key_type>) {
    map[key] += delta;
  } else if (auto it = map.find(key); it != map.end()) {
    it->second += delta;
  } else {
    map.emplace(std::make_from_tuple<typename Map::key_type>(key), delta);
  }
}

template <typename Map>
void merge_into(Map& into, Map&& from) {
  if (into.empty()) {
    into = std::move(from);
    return;
  }
  for (auto& [key, delta] : from) bump(into, key, delta);
  from.clear();
}

}  // namespace

NameGramBulkWriter::NameGramBulkWriter(storage::Connection& tx)
    : insert_(tx, "INSERT INTO customer_name_grams (gram, customer_id) VALUES ", 2, "",
              kRowsPerStatement) {}

Result<void> NameGramBulkWriter::add(int64_t customer_id, const std::vector<std::string>& grams) {
  for (const auto& gram : grams) pending_.emplace_back(gram, customer_id);
  return {};
}

Result<void> NameGramBulkWriter::write_sorted() {
  std::sort(pending_.begin(), pending_.end());
  for (const auto& [gram, customer_id] : pending_) CRM_TRY(insert_.add(gram, customer_id));
  pending_.clear();
  return {};
}

Result<void> NameGramBulkWriter::flush() {
  CRM_TRY(write_sorted());
  return insert_.flush();
}

void CounterDeltas::add_customer(int64_t owner_id, std::string_view number,
                                 std::string_view stage, std::string_view province,
                                 std::string_view city, std::string_view district,
                                 std::string_view name_pinyin, std::string_view name_initials,
                                 const std::vector<std::string>& tags,
                                 const std::vector<int64_t>& category_ids,
                                 const std::vector<std::string>& grams) {
  // 0006: customer_live_counts_insert.
  ++live_[owner_id];
  // 0007: customer_search_counts_insert (stage, number day, area).
  bump(values_, ValueView{"stage", stage, owner_id});
  bump(values_, ValueView{"number", number.substr(0, 9), owner_id});
  bump(areas_, AreaView{province, city, district, owner_id});
  // 0009: customer_pinyin_counts_insert, each prefix once (an initials prefix can only equal the
  // pinyin prefix of the same length).
  // 0011: the same prefixes per stage.
  const std::vector<std::string_view> pinyin = leading_prefixes(name_pinyin);
  const std::vector<std::string_view> initials = leading_prefixes(name_initials);
  auto add_prefix = [&](std::string_view prefix) {
    bump(pinyin_, PrefixView{prefix, owner_id});
    bump(stages_, AreaView{"pinyin", prefix, stage, owner_id});
  };
  for (const std::string_view prefix : pinyin) add_prefix(prefix);
  for (size_t k = 0; k < initials.size(); ++k) {
    if (k >= pinyin.size() || initials[k] != pinyin[k]) add_prefix(initials[k]);
  }
  // 0007 and 0011: the side-row triggers of a live customer.
  for (const auto& tag : tags) {
    bump(values_, ValueView{"tag", tag, owner_id});
    bump(stages_, AreaView{"tag", tag, stage, owner_id});
  }
  for (const int64_t id : category_ids) add_category_member(owner_id, stage, id);
  for (const auto& gram : grams) {
    bump(values_, ValueView{"gram", gram, owner_id});
    bump(stages_, AreaView{"gram", gram, stage, owner_id});
    if (one_character(gram)) bump(gram_areas_, GramAreaView{gram, province, city, district});
  }
}

void CounterDeltas::add_category_member(int64_t owner_id, std::string_view stage,
                                        int64_t category_id) {
  const std::string id = std::to_string(category_id);
  bump(values_, ValueView{"category", id, owner_id});
  bump(stages_, AreaView{"category", id, stage, owner_id});
}

void CounterDeltas::merge(CounterDeltas&& other) {
  merge_into(live_, std::move(other.live_));
  merge_into(values_, std::move(other.values_));
  merge_into(areas_, std::move(other.areas_));
  merge_into(gram_areas_, std::move(other.gram_areas_));
  merge_into(pinyin_, std::move(other.pinyin_));
  merge_into(stages_, std::move(other.stages_));
}

Result<void> CounterDeltas::write(storage::Connection& tx) {
  if (tx.dialect() != storage::Dialect::kSqlite) {
    return internal_error("CounterDeltas::write: the counters are kept on SQLite only");
  }
  BatchInsert live(tx, "INSERT INTO customer_live_counts (owner_id, live) VALUES ", 2,
                   " ON CONFLICT (owner_id) DO UPDATE SET live = live + excluded.live",
                   kRowsPerStatement);
  for (const auto& [owner, delta] : live_) CRM_TRY(live.add(owner, delta));
  CRM_TRY(live.flush());
  BatchInsert values(tx, "INSERT INTO customer_value_counts (kind, value, owner_id, live) VALUES ",
                     4, " ON CONFLICT (kind, value, owner_id) DO UPDATE SET live = live + "
                        "excluded.live",
                     kRowsPerStatement);
  for (const auto& [key, delta] : values_) {
    CRM_TRY(values.add(std::get<0>(key), std::get<1>(key), std::get<2>(key), delta));
  }
  CRM_TRY(values.flush());
  BatchInsert areas(tx,
                    "INSERT INTO customer_area_counts (province, city, district, owner_id, live) "
                    "VALUES ",
                    5, " ON CONFLICT (province, city, district, owner_id) DO UPDATE SET live = "
                       "live + excluded.live",
                    kRowsPerStatement);
  for (const auto& [key, delta] : areas_) {
    CRM_TRY(areas.add(std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key),
                      delta));
  }
  CRM_TRY(areas.flush());
  BatchInsert gram_areas(tx,
                         "INSERT INTO customer_gram_area_counts (gram, province, city, district, "
                         "live) VALUES ",
                         5, " ON CONFLICT (gram, province, city, district) DO UPDATE SET live = "
                            "live + excluded.live",
                         kRowsPerStatement);
  for (const auto& [key, delta] : gram_areas_) {
    CRM_TRY(gram_areas.add(std::get<0>(key), std::get<1>(key), std::get<2>(key),
                           std::get<3>(key), delta));
  }
  CRM_TRY(gram_areas.flush());
  BatchInsert pinyin(tx, "INSERT INTO customer_pinyin_counts (prefix, owner_id, live) VALUES ", 3,
                     " ON CONFLICT (prefix, owner_id) DO UPDATE SET live = live + excluded.live",
                     kRowsPerStatement);
  for (const auto& [key, delta] : pinyin_) {
    CRM_TRY(pinyin.add(std::get<0>(key), std::get<1>(key), delta));
  }
  CRM_TRY(pinyin.flush());
  BatchInsert stages(tx,
                     "INSERT INTO customer_stage_counts (kind, value, stage, owner_id, live) "
                     "VALUES ",
                     5, " ON CONFLICT (kind, value, stage, owner_id) DO UPDATE SET live = live + "
                        "excluded.live",
                     kRowsPerStatement);
  for (const auto& [key, delta] : stages_) {
    CRM_TRY(stages.add(std::get<0>(key), std::get<1>(key), std::get<2>(key), std::get<3>(key),
                       delta));
  }
  CRM_TRY(stages.flush());
  *this = CounterDeltas();
  return {};
}

Result<SuspendedCountTriggers> SuspendedCountTriggers::suspend(storage::Connection& tx) {
  SuspendedCountTriggers suspended;
  if (tx.dialect() != storage::Dialect::kSqlite) return suspended;
  for (const std::string_view name : kInsertCountTriggers) {
    CRM_TRY_ASSIGN(auto row, tx.query_optional(
                                 "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?",
                                 std::string(name)));
    if (!row) {
      return internal_error(fmt::format("The count trigger {} is missing.", name));
    }
    suspended.sql_.push_back(row->get_string(0));
  }
  for (const std::string_view name : kInsertCountTriggers) {
    CRM_TRY(tx.execute_script(fmt::format("DROP TRIGGER {}", name)));
  }
  return suspended;
}

Result<void> SuspendedCountTriggers::restore(storage::Connection& tx) {
  for (const auto& sql : sql_) CRM_TRY(tx.execute_script(sql));
  sql_.clear();
  return {};
}

}  // namespace crm::customers
