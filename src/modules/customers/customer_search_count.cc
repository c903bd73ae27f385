// SPDX-License-Identifier: Apache-2.0
#include "modules/customers/customer_search_count.h"

#include <algorithm>
#include <string>
#include <vector>

#include "modules/customers/customer_search.h"

namespace crm::customers {

namespace {

using storage::Value;

Result<int64_t> scalar(storage::Connection& db, const std::string& sql,
                       const std::vector<Value>& params) {
  CRM_TRY_ASSIGN(auto rows, db.query_values(sql, params));
  return rows.front().get_int(0);
}

void add_owner(std::optional<int64_t> owner, std::string& sql, std::vector<Value>& params) {
  if (!owner) return;
  sql += " AND owner_id = ?";
  params.push_back(storage::to_value(*owner));
}

// "column >= ? [AND column < ?]": column starts with `prefix`.
std::string prefix_range(std::string_view column, const std::string& prefix,
                         std::vector<Value>& params) {
  std::string sql = std::string(column) + " >= ?";
  params.push_back(prefix);
  if (const auto bound = prefix_upper_bound(prefix)) {
    sql += " AND " + std::string(column) + " < ?";
    params.push_back(*bound);
  }
  return sql;
}

std::string address_match(const std::string& text, std::vector<Value>& params) {
  return "((" + prefix_range("province", text, params) + ") OR (" +
         prefix_range("city", text, params) + ") OR (" + prefix_range("district", text, params) +
         "))";
}

Result<int64_t> value_count(storage::Connection& db, std::string_view kind,
                            const std::string& value, std::optional<int64_t> owner) {
  std::string sql =
      "SELECT COALESCE(SUM(live), 0) FROM customer_value_counts WHERE kind = ? AND value = ?";
  std::vector<Value> params{std::string(kind), value};
  add_owner(owner, sql, params);
  return scalar(db, sql, params);
}

// 0011: live customers of `stage` per tag, category, gram or pinyin prefix.
Result<int64_t> stage_count(storage::Connection& db, std::string_view kind,
                            const std::string& value, const std::string& stage,
                            std::optional<int64_t> owner) {
  std::string sql = "SELECT COALESCE(SUM(live), 0) FROM customer_stage_counts WHERE kind = ? AND "
                    "value = ? AND stage = ?";
  std::vector<Value> params{std::string(kind), value, stage};
  add_owner(owner, sql, params);
  return scalar(db, sql, params);
}

// Live customers whose number starts with `prefix` (at most 9 characters: the counters keep the
// first 9 of each number).
Result<int64_t> number_count(storage::Connection& db, const std::string& prefix,
                             std::optional<int64_t> owner) {
  std::vector<Value> params{std::string("number")};
  std::string sql = "SELECT COALESCE(SUM(live), 0) FROM customer_value_counts WHERE kind = ? AND " +
                    prefix_range("value", prefix, params);
  add_owner(owner, sql, params);
  return scalar(db, sql, params);
}

Result<int64_t> address_count(storage::Connection& db, const std::string& text,
                              std::optional<int64_t> owner) {
  std::vector<Value> params;
  std::string sql = "SELECT COALESCE(SUM(live), 0) FROM customer_area_counts WHERE " +
                    address_match(text, params);
  add_owner(owner, sql, params);
  return scalar(db, sql, params);
}

// Live customers (all owners) whose name holds the one-character `gram` and whose address starts
// with `text`: the overlap of those two alternatives.
Result<int64_t> gram_address_count(storage::Connection& db, const std::string& gram,
                                   const std::string& text) {
  std::vector<Value> params{gram};
  const std::string sql =
      "SELECT COALESCE(SUM(live), 0) FROM customer_gram_area_counts WHERE gram = ? AND " +
      address_match(text, params);
  return scalar(db, sql, params);
}

// |pinyin starts with p OR initials start with p| among live customers: for a short prefix the
// counter of migration 0009 (a common one such as "z" or "zhang" matches 100,000+ of 1M customers);
// otherwise inside the two indexes of migration 0007, |pinyin| + |initials but not pinyin| (the
// initials index carries name_pinyin).
Result<int64_t> pinyin_count(storage::Connection& db, const std::string& prefix,
                             std::optional<int64_t> owner) {
  std::vector<Value> params;
  if (prefix.size() <= kPinyinCountedPrefix) {  // q's pinyin is ASCII: bytes are characters
    std::string sql = "SELECT COALESCE(SUM(live), 0) FROM customer_pinyin_counts WHERE prefix = ?";
    params.push_back(prefix);
    add_owner(owner, sql, params);
    return scalar(db, sql, params);
  }
  std::string sql = "SELECT (SELECT COUNT(*) FROM customers INDEXED BY customers_name_pinyin WHERE " +
                    prefix_range("name_pinyin", prefix, params) + " AND deleted_at_ms IS NULL";
  add_owner(owner, sql, params);
  sql += ") + (SELECT COUNT(*) FROM customers INDEXED BY customers_name_initials WHERE " +
         prefix_range("name_initials", prefix, params) + " AND deleted_at_ms IS NULL";
  add_owner(owner, sql, params);
  sql += " AND NOT (" + prefix_range("name_pinyin", prefix, params) + "))";
  return scalar(db, sql, params);
}

Result<std::optional<int64_t>> known(Result<int64_t> count) {
  if (!count) return std::move(count).error();
  return std::optional<int64_t>(*count);
}

struct Alternative {
  QBranch branch;
  std::optional<int64_t> count;  // exact live (and scoped) matches, when a counter knows it
};

// With a `stage`, only grams and pinyin prefixes of up to kPinyinCountedPrefix letters have
// counters (0011); the other alternatives are counted in the table.
Result<std::optional<int64_t>> alternative_count(storage::Connection& db, const QBranch& branch,
                                                 const QTerms& terms, std::optional<int64_t> owner,
                                                 const std::optional<std::string>& stage) {
  switch (branch.kind) {
    case QBranch::Kind::kName:
      if (terms.code_points > 2) return std::optional<int64_t>();  // LIKE on a few candidates
      if (stage) return known(stage_count(db, "gram", terms.lower, *stage, owner));
      return known(value_count(db, "gram", terms.lower, owner));
    case QBranch::Kind::kPinyin:
      if (!stage) return known(pinyin_count(db, *terms.pinyin, owner));
      if (terms.pinyin->size() > kPinyinCountedPrefix) return std::optional<int64_t>();
      return known(stage_count(db, "pinyin", *terms.pinyin, *stage, owner));
    case QBranch::Kind::kNumber:
      if (stage || terms.number->size() > 9) return std::optional<int64_t>();  // within one day
      return known(number_count(db, *terms.number, owner));
    case QBranch::Kind::kAddress:
      if (stage) return std::optional<int64_t>();
      return known(address_count(db, terms.address, owner));
  }
  return std::optional<int64_t>();
}

// The total of `q`: the largest counted alternative B, plus (one-character name and address both
// counted, all owners) the other through the gram/address overlap counter, plus the live rows of
// the remaining alternatives that match none of the counted ones. The remaining ones are small
// in practice (their counts are smaller than B's, or they are the LIKE of a 3+ character name or
// a number prefix within one day), so that last COUNT reads few rows.
Result<int64_t> q_total(storage::Connection& db, std::string_view q, std::optional<int64_t> owner,
                        const std::optional<std::string>& stage) {
  const QTerms terms = q_terms(q);
  std::vector<Alternative> alternatives;
  for (QBranch& branch : q_branches(storage::Dialect::kSqlite, terms)) {
    CRM_TRY_ASSIGN(auto count, alternative_count(db, branch, terms, owner, stage));
    if (count && *count == 0) continue;  // matches no live customer in scope
    alternatives.push_back({std::move(branch), count});
  }
  if (alternatives.empty()) return int64_t{0};
  const auto largest = std::max_element(
      alternatives.begin(), alternatives.end(), [](const Alternative& a, const Alternative& b) {
        return a.count.value_or(-1) < b.count.value_or(-1);
      });
  std::vector<Alternative> covered, rest;
  int64_t total = 0;
  if (largest->count) {
    total = *largest->count;
    covered.push_back(std::move(*largest));
    alternatives.erase(largest);
  }
  const auto kind_of = [](const Alternative& a) { return a.branch.kind; };
  if (!owner && !stage && terms.code_points == 1 && !covered.empty() &&
      (kind_of(covered[0]) == QBranch::Kind::kName ||
       kind_of(covered[0]) == QBranch::Kind::kAddress)) {
    const QBranch::Kind other_kind = kind_of(covered[0]) == QBranch::Kind::kName
                                         ? QBranch::Kind::kAddress
                                         : QBranch::Kind::kName;
    const auto other = std::find_if(alternatives.begin(), alternatives.end(),
                                    [&](const Alternative& a) { return kind_of(a) == other_kind; });
    if (other != alternatives.end() && other->count) {
      CRM_TRY_ASSIGN(const int64_t both, gram_address_count(db, terms.lower, terms.address));
      total += *other->count - both;
      covered.push_back(std::move(*other));
      alternatives.erase(other);
    }
  }
  if (alternatives.empty()) return total;

  std::vector<Value> params;
  std::string sql = "SELECT COUNT(*) FROM customers WHERE deleted_at_ms IS NULL";
  add_owner(owner, sql, params);
  if (stage) {
    sql += " AND stage = ?";
    params.push_back(*stage);
  }
  sql += " AND id IN (";
  for (size_t i = 0; i < alternatives.size(); ++i) {
    if (i > 0) sql += " UNION ALL ";
    sql += alternatives[i].branch.ids;
    params.insert(params.end(), alternatives[i].branch.ids_params.begin(),
                  alternatives[i].branch.ids_params.end());
  }
  sql += ")";
  for (const Alternative& done : covered) {
    sql += " AND NOT (" + done.branch.matches + ")";
    params.insert(params.end(), done.branch.matches_params.begin(),
                  done.branch.matches_params.end());
  }
  CRM_TRY_ASSIGN(const int64_t others, scalar(db, sql, params));
  return total + others;
}

}  // namespace

Result<std::optional<int64_t>> counted_total(storage::Connection& db, const CustomerFilter& f) {
  if (db.dialect() != storage::Dialect::kSqlite || f.deleted || f.phone_index || f.email_index ||
      f.number || f.created_from_ms || f.created_to_ms) {
    return std::optional<int64_t>();
  }
  std::optional<int64_t> owner = f.scope_owner_id;
  if (f.owner_id) {
    if (owner && *owner != *f.owner_id) return std::optional<int64_t>(0);
    owner = f.owner_id;
  }
  const int filters = int{f.q.has_value()} + int{f.tag.has_value()} +
                      int{f.category_id.has_value()} + int{f.stage.has_value()};
  if (filters > 2 || (filters == 2 && !f.stage)) return std::optional<int64_t>();
  if (filters == 2) {  // a stage with one of q / tag / category (0011)
    if (f.tag) return known(stage_count(db, "tag", *f.tag, *f.stage, owner));
    if (f.category_id) {
      return known(stage_count(db, "category", std::to_string(*f.category_id), *f.stage, owner));
    }
    return known(q_total(db, *f.q, owner, f.stage));
  }
  if (f.tag) return known(value_count(db, "tag", *f.tag, owner));
  if (f.category_id) {
    return known(value_count(db, "category", std::to_string(*f.category_id), owner));
  }
  if (f.stage) return known(value_count(db, "stage", *f.stage, owner));
  if (f.q) return known(q_total(db, *f.q, owner, std::nullopt));
  std::string sql = "SELECT COALESCE(SUM(live), 0) FROM customer_live_counts WHERE 1 = 1";
  std::vector<Value> params;
  add_owner(owner, sql, params);
  return known(scalar(db, sql, params));
}

Result<bool> prefer_row_tests(storage::Connection& db, const CustomerFilter& f, int64_t total) {
  if (db.dialect() != storage::Dialect::kSqlite || f.deleted || (!f.q && !f.tag && !f.category_id)) {
    return false;
  }
  CustomerFilter scope;
  scope.scope_owner_id = f.scope_owner_id;
  scope.owner_id = f.owner_id;
  CRM_TRY_ASSIGN(const auto live, counted_total(db, scope));
  return live && total * kRowTestShare >= *live;
}

}  // namespace crm::customers
