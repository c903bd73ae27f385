// SPDX-License-Identifier: Apache-2.0
// Customer search: the derived search columns (pinyin, name grams), the SQL of `q`, and the
// start-up backfill of rows written before migration 0002.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"
#include "modules/customers/customer.h"
#include "storage/connection.h"
#include "storage/database.h"

namespace crm::customers {

// Sets row.name_pinyin / row.name_initials from row.fields.name. CustomerRepository::insert and
// ::update also derive them when they are empty, so callers that build a StoredCustomer
// themselves (import) may call this or leave them empty; never set them to anything else.
void fill_search_fields(StoredCustomer& row);

// The distinct one- and two-character grams (code points) of a lower-cased name: "李雷" ->
// {"李", "雷", "李雷"}. "name contains q" looks q (or its first two characters) up in them.
std::vector<std::string> name_grams(std::string_view name_lower);

// Replaces customer `id`'s rows in customer_name_grams by the grams of `name_lower`.
Result<void> write_name_grams(storage::Connection& tx, int64_t id, std::string_view name_lower);

// The smallest string greater than every string starting with `prefix` (the last code point
// incremented), or nullopt when there is none; for `col >= prefix AND col < bound`, which a
// plain B-tree index serves on both databases (LIKE 'x%' does not, without special collations).
std::optional<std::string> prefix_upper_bound(std::string_view prefix);

// Appends to `where` (" AND (…)") and `params` the condition of q: the name contains q
// (case-insensitive, which covers the name prefix), or the pinyin / initials start with q
// (ASCII q, spaces ignored), or the number starts with q (with or without the leading C), or the
// province, city or district starts with q.
// kIdSet: " AND id IN (<union of indexed lookups>)", best when q matches few customers (the
// matches are read and sorted). kRowTest: " AND (<test> OR …)" on each row, best when q matches
// many, so that the list walks its sort index and stops after one page (customer_search_count.h
// prefer_row_tests).
enum class QForm { kIdSet, kRowTest };
void add_q_condition(storage::Dialect dialect, std::string_view q, std::string& where,
                     std::vector<storage::Value>& params, QForm form = QForm::kIdSet);

// q normalised the way its alternatives use it.
struct QTerms {
  std::string lower;                  // q, ASCII lower-cased: the name-contains text
  size_t code_points = 0;             // of `lower`
  std::optional<std::string> pinyin;  // lower without spaces, when it is [a-z0-9]+
  std::optional<std::string> number;  // "C" + digits, when q is a number or its prefix
  std::string address;                // q as given: the province / city / district prefix
};
QTerms q_terms(std::string_view q);

// One alternative of q; add_q_condition is the UNION of their `ids`.
struct QBranch {
  enum class Kind { kName, kPinyin, kNumber, kAddress };
  Kind kind;
  std::string ids;  // "SELECT <customer id> …": candidates in any state (deleted too)
  std::vector<storage::Value> ids_params;
  std::string matches;  // the same test as a condition on an unaliased customers row
  std::vector<storage::Value> matches_params;
};
std::vector<QBranch> q_branches(storage::Dialect dialect, const QTerms& terms);

// The page of a live list filtered by q alone (owner / scope and the `after` cursor aside), on
// SQLite, read from indexes only (migration 0008): the pinyin and the initials alternatives each
// give their first `limit` rows straight from their index, which carries the live flag, the owner
// and every sort key (~0.15 µs per match, no table row, no per-candidate look-up); the other
// alternatives (name, number, address) give theirs through customers_sort_keys. The page is the
// first `limit` of those few, duplicates (a name found by pinyin and initials) once.
//
// prefer_index_page: whether to page this way. Always when the matches are few enough to be read
// whole (`row_tests` false: this is cheaper than reading every candidate); when they are many
// (`row_tests` true, the page would walk the sort index and test each row, ~1 µs a row), only if
// at most kIndexPageMax customers match and the alternatives other than pinyin / initials hold
// at most kIndexPageOthersMax candidates (counted by a bounded look-up).
// With a stage as well (migration 0012 tests it inside the indexes), `total` is the matches of q
// alone, which the arms read whatever the stage leaves of them, and the bound is
// kIndexPageStageMax (~0.15 µs per match: ~12 ms at most) when that beats walking the sort index.
inline constexpr int64_t kIndexPageMax = 20'000;
inline constexpr int64_t kIndexPageStageMax = 80'000;
inline constexpr int64_t kIndexPageOthersMax = 1'000;
Result<bool> prefer_index_page(storage::Connection& db, std::string_view q, int64_t total,
                               bool row_tests, int64_t max_total = kIndexPageMax);
// "SELECT id, k FROM …": the page's ids (k: the sort key), `limit` at most. `rest` holds the live,
// owner and cursor conditions on an unaliased customers row (joined by AND, no leading AND; its
// parameters `rest_params`), `key` is the sort column. Appends the query's parameters to `params`.
std::string index_page_ids(std::string_view q, std::string_view rest,
                           const std::vector<storage::Value>& rest_params, std::string_view key,
                           bool descending, int limit, std::vector<storage::Value>& params);

// Fills name_pinyin, name_initials and the grams of rows that have none yet (written before
// migration 0002), `batch` rows per transaction. Returns how many rows it filled.
Result<int64_t> backfill_search_fields(storage::Database& db, int batch = 1000);

}  // namespace crm::customers
